import { readShopifyPayload } from './shipped-payloads.js'

/** What the checkout and order shipped in `demo/shopify/` hold, to be replaced. */
const SHIPPED_CHECKOUT_TOKEN = 'b7c1e0a4d2f94c6e8a1b3c5d7e9f0a12'
const SHIPPED_ORDER_TOKEN = '4c1d2e3f5a6b7c8d9e0f1a2b3c4d5e6f'
const SHIPPED_PHONE = '+12025550143'
const SHIPPED_NATIONAL_PHONE = '(202) 555-0143'
const SHIPPED_CHECKOUT_ID = '"id": 35124987621542,'
const SHIPPED_ORDER_ID = '"id": 820982911946154508,'

export interface SampleIds {
  /** The checkout's token; the order names it as its `checkout_token`. */
  readonly checkoutToken: string
  /** A fresh numeric id, so the platform's own dedupe never drops a repeat. */
  readonly numericId: string
  readonly phone: string
  readonly nowMs: number
}

/**
 * A Shopify `checkouts/create` webhook body for a sample customer. The shipped payload is
 * rewritten as text, so Shopify's 64-bit ids and the rest of its bytes stay as Shopify sends
 * them; only the token, the id, the phone numbers and the times change.
 */
export function shopifySampleCheckout(ids: SampleIds): string {
  return rewrite(readShopifyPayload('checkouts-create.json'), ids)
    .replace(SHIPPED_CHECKOUT_ID, `"id": ${ids.numericId},`)
    .replaceAll(SHIPPED_CHECKOUT_TOKEN, ids.checkoutToken)
}

/** The `orders/create` webhook body that completes the sample checkout. */
export function shopifySampleOrder(ids: SampleIds & { readonly orderToken: string }): string {
  return rewrite(readShopifyPayload('orders-create.json'), ids)
    .replace(SHIPPED_ORDER_ID, `"id": ${ids.numericId},`)
    .replaceAll(SHIPPED_CHECKOUT_TOKEN, ids.checkoutToken)
    .replaceAll(SHIPPED_ORDER_TOKEN, ids.orderToken)
}

/** Every time becomes now and every phone number the sample's. */
function rewrite(text: string, ids: SampleIds): string {
  const now = new Date(ids.nowMs).toISOString()
  return text
    .replace(/"(\w+_at)": "[^"]*"/g, (_, key: string) => `"${key}": "${now}"`)
    .replaceAll(SHIPPED_PHONE, ids.phone)
    .replaceAll(SHIPPED_NATIONAL_PHONE, ids.phone)
}
