import { WebhookPayloadError } from '../errors.js'
import { idText, PayloadCheck, textOrNull } from '../payload-check.js'
import type { ShipmentUpdated } from '../store-event.js'
import type { ShopifyContext } from './shopify-context.js'
import { ShopifyFulfillment } from './shopify-payloads.js'

/**
 * A `fulfillments/create` or `fulfillments/update` payload as a shipment.updated event. A
 * fulfillment names its order but not the customer: the phone, name and order name are filled
 * in from the recorded order when the event is recorded. The status is the carrier's
 * `shipment_status` once known (`in_transit`, `delivered`), else the fulfillment's own
 * (`success`).
 */
export function translateShopifyFulfillment(
  json: unknown,
  context: ShopifyContext,
): ShipmentUpdated {
  const check = new PayloadCheck(ShopifyFulfillment, json)
  const body = check.body
  const updatedAtMs = check.requiredTime(
    [
      [body.updated_at, '/updated_at'],
      [body.created_at, '/created_at'],
    ],
    '/updated_at',
  )
  if (check.problems.length > 0) throw new WebhookPayloadError(context.topic, check.problems)

  return {
    type: 'shipment.updated',
    storeId: context.store.id,
    platform: 'shopify',
    shipmentId: idText(body.id),
    orderId: idText(body.order_id),
    orderName: null,
    phone: null,
    customer: null,
    trackingNumber: textOrNull(body.tracking_number) ?? textOrNull(body.tracking_numbers?.[0]),
    trackingUrl: textOrNull(body.tracking_url) ?? textOrNull(body.tracking_urls?.[0]),
    trackingCompany: textOrNull(body.tracking_company),
    status: textOrNull(body.shipment_status) ?? textOrNull(body.status),
    updatedAtMs,
  }
}
