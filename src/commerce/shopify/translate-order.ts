import { WebhookPayloadError } from '../errors.js'
import { idText, PayloadCheck, textOrNull, toCustomer } from '../payload-check.js'
import type { OrderPlaced } from '../store-event.js'
import type { ShopifyContext } from './shopify-context.js'
import {
  shopifyLineItems,
  shopifyNames,
  shopifyPhone,
  shopifyPhoneCountry,
  shopifyShippingAddress,
} from './shopify-fields.js'
import { ShopifyOrder } from './shopify-payloads.js'

/**
 * An `orders/create` or `orders/paid` payload as an order.placed event. The order was placed
 * when Shopify processed it (`processed_at`), which differs from `created_at` for imported
 * orders.
 */
export function translateShopifyOrder(json: unknown, context: ShopifyContext): OrderPlaced {
  const check = new PayloadCheck(ShopifyOrder, json)
  const body = check.body
  const placedAtMs = check.requiredTime(
    [
      [body.processed_at, '/processed_at'],
      [body.created_at, '/created_at'],
    ],
    '/created_at',
  )
  const currency = check.currency(body.currency, '/currency')
  const totalMicros = check.money(body.total_price, '/total_price')
  const discountMicros =
    body.total_discounts === undefined
      ? null
      : check.money(body.total_discounts, '/total_discounts')
  const items = shopifyLineItems(check, body.line_items)
  if (check.problems.length > 0) throw new WebhookPayloadError(context.topic, check.problems)

  const country = shopifyPhoneCountry(body, context.store.defaultCountry)
  return {
    type: 'order.placed',
    storeId: context.store.id,
    platform: 'shopify',
    orderId: idText(body.id),
    orderName: body.name,
    checkoutId: textOrNull(body.checkout_token),
    phone: shopifyPhone(body, country),
    customer: toCustomer({ ...shopifyNames(body), email: body.email ?? body.customer?.email }),
    items,
    totalMicros,
    currency,
    discountCodes: (body.discount_codes ?? []).map((d) => d.code).filter((c) => c.trim() !== ''),
    discountMicros,
    shippingAddress: shopifyShippingAddress(body),
    placedAtMs,
  }
}
