import type { OrderPlaced, ShipmentUpdated } from '../../commerce/index.js'
import type { TemplateContext } from '../contracts.js'
import { formatMoney } from '../templates/index.js'
import type { Store } from '../../stores/index.js'
import type { CheckoutSnapshot } from './checkout-snapshot.js'
import type { DiscountOffer } from './flow-definition.js'

/** A discount as a message shows it: the code, and `10%` or `$5.00`. */
export interface ShownDiscount {
  readonly code: string
  readonly offer: DiscountOffer
}

export function checkoutContext(args: {
  readonly store: Pick<Store, 'name'>
  readonly checkout: CheckoutSnapshot
  readonly discount: ShownDiscount | null
}): TemplateContext {
  const { checkout, discount } = args
  return {
    customer: { first_name: checkout.firstName, last_name: checkout.lastName },
    checkout: {
      items: checkout.items.map((i) => ({
        title: i.title,
        variant_title: i.variantTitle,
        quantity: i.quantity,
        price: i.priceMicros,
      })),
      total: checkout.totalMicros,
      currency: checkout.currency,
    },
    recovery_url: checkout.recoveryUrl,
    discount:
      discount === null
        ? { code: null, value: null }
        : { code: discount.code, value: discountValueText(discount.offer, checkout.currency) },
    store: { name: args.store.name },
  }
}

export function orderContext(store: Pick<Store, 'name'>, order: OrderPlaced): TemplateContext {
  return {
    customer: {
      first_name: order.customer?.firstName ?? null,
      last_name: order.customer?.lastName ?? null,
    },
    order: { name: order.orderName, total: order.totalMicros, currency: order.currency },
    store: { name: store.name },
  }
}

export function shipmentContext(
  store: Pick<Store, 'name'>,
  shipment: ShipmentUpdated,
): TemplateContext {
  return {
    customer: {
      first_name: shipment.customer?.firstName ?? null,
      last_name: shipment.customer?.lastName ?? null,
    },
    order: { name: shipment.orderName ?? shipment.orderId },
    shipment: {
      tracking_url: shipment.trackingUrl,
      tracking_number: shipment.trackingNumber,
      tracking_company: shipment.trackingCompany,
    },
    store: { name: store.name },
  }
}

function discountValueText(offer: DiscountOffer, currency: string): string {
  return offer.type === 'percent' ? `${offer.percent}%` : formatMoney(offer.amountMicros, currency)
}
