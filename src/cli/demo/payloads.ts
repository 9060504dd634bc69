import { readShopifyPayload } from '../../commerce/index.js'

/** The parts of the shipped Shopify checkout the story tells (read only, never re-sent). */
export interface CheckoutFields {
  readonly token: string
  readonly updated_at: string
  readonly total_price: string
  readonly currency: string
  readonly sms_marketing_phone: string
  readonly buyer_accepts_sms_marketing: boolean
  readonly customer: { readonly first_name: string; readonly last_name: string }
  readonly line_items: readonly {
    readonly title: string
    readonly variant_title: string | null
    readonly quantity: number
  }[]
}

export interface OrderFields {
  readonly name: string
  readonly checkout_token: string
  readonly total_price: string
  readonly currency: string
}

/** A payload's bytes as sent, and the fields the story reads from it. */
export interface ShopifyPayload<T> {
  readonly body: string
  readonly fields: T
}

export function checkoutPayload(): ShopifyPayload<CheckoutFields> {
  const body = readShopifyPayload('checkouts-create.json')
  return { body, fields: JSON.parse(body) as CheckoutFields }
}

/**
 * The shipped order for that checkout, placed at `placedAtMs`: its times are rewritten in the
 * text, the rest is left byte for byte.
 */
export function orderPayload(placedAtMs: number): ShopifyPayload<OrderFields> {
  const at = new Date(placedAtMs).toISOString()
  const body = readShopifyPayload('orders-create.json').replace(
    /"(created_at|processed_at|updated_at)": "[^"]*"/g,
    (_, key: string) => `"${key}": "${at}"`,
  )
  return { body, fields: JSON.parse(body) as OrderFields }
}

export function describeItems(checkout: CheckoutFields): string {
  return checkout.line_items
    .map((i) => `${i.quantity} × ${i.title}${i.variant_title ? ` (${i.variant_title})` : ''}`)
    .join(', ')
}
