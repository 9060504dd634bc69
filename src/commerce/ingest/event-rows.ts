import type { CheckoutTable, OrderTable, ShipmentTable } from '../../storage/index.js'
import type {
  CheckoutUpdated,
  Customer,
  LineItem,
  OrderPlaced,
  ShipmentUpdated,
} from '../store-event.js'

/** Rows of the commerce tables from events; items keep every field of {@link LineItem}. */

export function checkoutRow(event: CheckoutUpdated, nowMs: number): CheckoutTable {
  return { ...checkoutChanges(event, nowMs), created_at: nowMs }
}

/** Every column a newer state of the checkout replaces. */
export function checkoutChanges(
  event: CheckoutUpdated,
  nowMs: number,
): Omit<CheckoutTable, 'created_at'> {
  return {
    store_id: event.storeId,
    checkout_id: event.checkoutId,
    platform: event.platform,
    phone: event.phone,
    ...customerColumns(event.customer),
    items: itemsJson(event.items),
    total_micros: event.totalMicros,
    currency: event.currency,
    recovery_url: event.recoveryUrl,
    shipping_country: event.shippingAddress?.countryCode ?? null,
    shipping_province: event.shippingAddress?.provinceCode ?? null,
    shipping_zip: event.shippingAddress?.zip ?? null,
    completed_at: event.completedAtMs,
    changed_at: event.updatedAtMs,
    updated_at: nowMs,
  }
}

export function orderRow(event: OrderPlaced, nowMs: number): OrderTable {
  return {
    store_id: event.storeId,
    order_id: event.orderId,
    platform: event.platform,
    order_name: event.orderName,
    checkout_id: event.checkoutId,
    phone: event.phone,
    ...customerColumns(event.customer),
    items: itemsJson(event.items),
    total_micros: event.totalMicros,
    currency: event.currency,
    discount_codes: JSON.stringify(event.discountCodes),
    shipping_country: event.shippingAddress?.countryCode ?? null,
    shipping_province: event.shippingAddress?.provinceCode ?? null,
    shipping_zip: event.shippingAddress?.zip ?? null,
    placed_at: event.placedAtMs,
    created_at: nowMs,
  }
}

export function shipmentRow(event: ShipmentUpdated, nowMs: number): ShipmentTable {
  return { ...shipmentChanges(event, nowMs), created_at: nowMs }
}

/** Every column a newer state of the shipment replaces. */
export function shipmentChanges(
  event: ShipmentUpdated,
  nowMs: number,
): Omit<ShipmentTable, 'created_at'> {
  return {
    store_id: event.storeId,
    shipment_id: event.shipmentId,
    platform: event.platform,
    order_id: event.orderId,
    phone: event.phone,
    tracking_number: event.trackingNumber,
    tracking_url: event.trackingUrl,
    tracking_company: event.trackingCompany,
    status: event.status,
    changed_at: event.updatedAtMs,
    updated_at: nowMs,
  }
}

/** The customer of a recorded order, for events that name only the order. */
export function customerOfRow(
  row: Pick<OrderTable, 'first_name' | 'last_name' | 'email'>,
): Customer | null {
  if (row.first_name === null && row.last_name === null && row.email === null) return null
  return { firstName: row.first_name, lastName: row.last_name, email: row.email }
}

function customerColumns(customer: Customer | null) {
  return {
    first_name: customer?.firstName ?? null,
    last_name: customer?.lastName ?? null,
    email: customer?.email ?? null,
  }
}

function itemsJson(items: readonly LineItem[]): string {
  return JSON.stringify(
    items.map((item) => ({
      title: item.title,
      variant_title: item.variantTitle,
      quantity: item.quantity,
      price_micros: item.priceMicros,
      product_url: item.productUrl,
      image_url: item.imageUrl,
    })),
  )
}
