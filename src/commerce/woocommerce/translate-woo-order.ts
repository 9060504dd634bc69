import type { TSchema } from 'typebox'
import type { Store } from '../../stores/index.js'
import { WebhookPayloadError } from '../errors.js'
import {
  firstUsablePhone,
  idText,
  PayloadCheck,
  textOrNull,
  toAddress,
  toCustomer,
  objectsIn,
} from '../payload-check.js'
import type { LineItem, StoreEvent } from '../store-event.js'
import type { Translation } from '../translation.js'
import { WooOrder } from './woo-payloads.js'
import { wooTracking } from './woo-tracking.js'

/**
 * Statuses of a paid order. `pending` waits for payment (an off-site payment may still fail)
 * and `on-hold` for the merchant to confirm it, so neither is a placed order yet.
 */
const PAID_STATUSES: ReadonlySet<string> = new Set(['processing', 'completed'])

/**
 * An `order.created` or `order.updated` payload as the events it carries: order.placed once
 * the order is paid, and shipment.updated when a tracking plugin added a tracking number
 * (the shipment's id is the order's: WooCommerce has no shipments of its own). WooCommerce
 * sends the whole order on every change, so the same order arrives many times; recording
 * keeps one order and acts only on what changed. An unpaid order without tracking says
 * nothing yet.
 */
export function translateWooOrder(
  json: unknown,
  context: { readonly store: Pick<Store, 'id' | 'defaultCountry'>; readonly topic: string },
): Translation {
  const check = new PayloadCheck(WooOrder, json, { acceptsUtcWithoutZone: true })
  const body = check.body
  const createdAtMs = check.time(body.date_created_gmt, '/date_created_gmt') ?? 0
  const modifiedAtMs = check.time(body.date_modified_gmt, '/date_modified_gmt')
  const paidAtMs = check.time(body.date_paid_gmt, '/date_paid_gmt')
  const currency = check.currency(body.currency, '/currency')
  const totalMicros = check.money(body.total, '/total')
  const discountMicros =
    body.discount_total === undefined ? null : check.money(body.discount_total, '/discount_total')
  const items = wooLineItems(check, body.line_items)
  if (check.problems.length > 0) throw new WebhookPayloadError(context.topic, check.problems)

  const orderId = idText(body.id)
  const common = {
    storeId: context.store.id,
    platform: 'woocommerce' as const,
    orderName: `#${textOrNull(body.number) ?? orderId}`,
    phone: wooPhone(body, context.store.defaultCountry),
    customer: toCustomer({
      firstName: body.billing?.first_name ?? body.shipping?.first_name,
      lastName: body.billing?.last_name ?? body.shipping?.last_name,
      email: body.billing?.email,
    }),
  }

  const events: StoreEvent[] = []
  if (PAID_STATUSES.has(body.status)) {
    events.push({
      ...common,
      type: 'order.placed',
      orderId,
      checkoutId: null,
      items,
      totalMicros,
      currency,
      discountCodes: (body.coupon_lines ?? []).map((c) => c.code).filter((c) => c.trim() !== ''),
      discountMicros,
      shippingAddress: toAddress({
        country: body.shipping?.country,
        province: body.shipping?.state,
        zip: body.shipping?.postcode,
      }),
      placedAtMs: paidAtMs ?? createdAtMs,
    })
  }
  const tracking = wooTracking(body.meta_data)
  if (tracking !== null) {
    events.push({
      ...common,
      type: 'shipment.updated',
      shipmentId: orderId,
      orderId,
      ...tracking,
      status: null,
      updatedAtMs: modifiedAtMs ?? createdAtMs,
    })
  }
  return events.length > 0
    ? { kind: 'events', events }
    : { kind: 'ignored', reason: 'ORDER_NOT_PAID' }
}

/** The billing phone, read in the billing country; else the shipping phone in its country. */
function wooPhone(body: WooOrder, defaultCountry: string | null): string | null {
  const countryOf = (address: WooOrder['billing']): string | null =>
    toAddress({ country: address?.country, province: null, zip: null })?.countryCode ??
    defaultCountry
  return (
    firstUsablePhone([body.billing?.phone], countryOf(body.billing)) ??
    firstUsablePhone([body.shipping?.phone], countryOf(body.shipping))
  )
}

/** Line items; the unit price is `price`, else the line's total over its quantity. */
function wooLineItems(check: Pick<PayloadCheck<TSchema>, 'money'>, items: unknown): LineItem[] {
  if (!Array.isArray(items)) return []
  return objectsIn(items).map((item: Partial<WooOrder['line_items'][number]>, i) => {
    const quantity = typeof item.quantity === 'number' ? item.quantity : 0
    const priceMicros =
      item.price !== undefined && item.price !== null
        ? check.money(item.price, `/line_items/${i}/price`)
        : Math.round(check.money(item.total, `/line_items/${i}/total`) / Math.max(quantity, 1))
    const image = item.image as { src?: unknown } | null | undefined
    return {
      title: typeof item.name === 'string' ? item.name : '',
      variantTitle: null,
      quantity,
      priceMicros,
      productUrl: null,
      imageUrl: textOrNull(image?.src),
    }
  })
}
