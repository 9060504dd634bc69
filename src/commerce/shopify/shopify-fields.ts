import type { TSchema } from 'typebox'
import {
  firstUsablePhone,
  textOrNull,
  toAddress,
  type PayloadCheck,
  objectsIn,
} from '../payload-check.js'
import type { Address, LineItem } from '../store-event.js'
import type { ShopifyCheckout } from './shopify-payloads.js'

type ShopifyAddress = NonNullable<ShopifyCheckout['shipping_address']>

/** Line items of a checkout or order; Shopify gives no product link or image in them. */
export function shopifyLineItems(
  check: Pick<PayloadCheck<TSchema>, 'money'>,
  items: unknown,
): LineItem[] {
  if (!Array.isArray(items)) return []
  return objectsIn(items).map((item: Partial<ShopifyCheckout['line_items'][number]>, i) => ({
    title: typeof item.title === 'string' ? item.title : '',
    variantTitle: textOrNull(item.variant_title),
    quantity: typeof item.quantity === 'number' ? item.quantity : 0,
    priceMicros: check.money(item.price, `/line_items/${i}/price`),
    productUrl: null,
    imageUrl: null,
  }))
}

/** The customer's name: the customer record's, else the billing or shipping address's. */
export function shopifyNames(body: {
  readonly customer?: { first_name?: string | null; last_name?: string | null } | null
  readonly billing_address?: ShopifyAddress | null
  readonly shipping_address?: ShopifyAddress | null
}): { firstName: string | null; lastName: string | null } {
  const sources = [body.customer, body.billing_address, body.shipping_address]
  const firstName = sources.map((s) => textOrNull(s?.first_name)).find((n) => n !== null)
  const lastName = sources.map((s) => textOrNull(s?.last_name)).find((n) => n !== null)
  return { firstName: firstName ?? null, lastName: lastName ?? null }
}

interface ShopifyContactFields {
  readonly phone?: string | null
  readonly customer?: { phone?: string | null } | null
  readonly billing_address?: ShopifyAddress | null
  readonly shipping_address?: ShopifyAddress | null
}

export function shopifyShippingAddress(body: ShopifyContactFields): Address | null {
  const address = body.shipping_address
  return toAddress({
    country: address?.country_code,
    province: address?.province_code,
    zip: address?.zip,
  })
}

/** The country national-format numbers are read in: shipping, billing, else the store's. */
export function shopifyPhoneCountry(
  body: ShopifyContactFields,
  defaultCountry: string | null,
): string | null {
  const billing = toAddress({
    country: body.billing_address?.country_code,
    province: null,
    zip: null,
  })
  return shopifyShippingAddress(body)?.countryCode ?? billing?.countryCode ?? defaultCountry
}

/**
 * The customer's number: the first usable of `preferred`, then the checkout or order's own
 * phone, the customer's, the billing and the shipping address's.
 */
export function shopifyPhone(
  body: ShopifyContactFields,
  country: string | null,
  preferred: readonly unknown[] = [],
): string | null {
  return firstUsablePhone(
    [
      ...preferred,
      body.phone,
      body.customer?.phone,
      body.billing_address?.phone,
      body.shipping_address?.phone,
    ],
    country,
  )
}
