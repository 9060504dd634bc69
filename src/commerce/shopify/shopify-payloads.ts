import { Type, type Static } from 'typebox'

/**
 * The parts of Shopify's webhook payloads Nudge reads (REST resource shapes: abandoned
 * checkout, order, fulfillment). Anything else in a payload is left alone, and most fields
 * may be null: Shopify sends null for what a shop does not collect.
 */

const MaybeText = Type.Optional(Type.Union([Type.String(), Type.Null()]))
/** Shopify ids are 64-bit; beyond 2^53 the JSON reader keeps them as strings. */
const Id = Type.Union([Type.String({ minLength: 1 }), Type.Integer({ minimum: 0 })])
/** Money is a decimal string (`"49.00"`). */
const Money = Type.Union([Type.String(), Type.Number()])

const ShopifyAddress = Type.Object({
  first_name: MaybeText,
  last_name: MaybeText,
  phone: MaybeText,
  country_code: MaybeText,
  province_code: MaybeText,
  zip: MaybeText,
})
const MaybeAddress = Type.Optional(Type.Union([ShopifyAddress, Type.Null()]))

export const ShopifySmsConsent = Type.Object({
  state: Type.String(),
  opt_in_level: MaybeText,
  consent_updated_at: MaybeText,
  consent_collected_from: MaybeText,
})
export type ShopifySmsConsent = Static<typeof ShopifySmsConsent>

const ShopifyCustomer = Type.Object({
  first_name: MaybeText,
  last_name: MaybeText,
  email: MaybeText,
  phone: MaybeText,
  sms_marketing_consent: Type.Optional(Type.Union([ShopifySmsConsent, Type.Null()])),
})
const MaybeCustomer = Type.Optional(Type.Union([ShopifyCustomer, Type.Null()]))

const ShopifyLineItem = Type.Object({
  title: Type.String(),
  variant_title: MaybeText,
  quantity: Type.Integer({ minimum: 0 }),
  price: Money,
})

export const ShopifyCheckout = Type.Object({
  token: Type.String({ minLength: 1 }),
  email: MaybeText,
  phone: MaybeText,
  sms_marketing_phone: MaybeText,
  buyer_accepts_sms_marketing: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  created_at: MaybeText,
  updated_at: Type.String(),
  completed_at: MaybeText,
  currency: Type.String(),
  total_price: Money,
  abandoned_checkout_url: MaybeText,
  line_items: Type.Array(ShopifyLineItem),
  billing_address: MaybeAddress,
  shipping_address: MaybeAddress,
  customer: MaybeCustomer,
})
export type ShopifyCheckout = Static<typeof ShopifyCheckout>

export const ShopifyOrder = Type.Object({
  id: Id,
  name: Type.String({ minLength: 1 }),
  checkout_token: MaybeText,
  email: MaybeText,
  phone: MaybeText,
  created_at: Type.String(),
  processed_at: MaybeText,
  currency: Type.String(),
  total_price: Money,
  total_discounts: Type.Optional(Money),
  discount_codes: Type.Optional(Type.Array(Type.Object({ code: Type.String() }))),
  line_items: Type.Array(ShopifyLineItem),
  billing_address: MaybeAddress,
  shipping_address: MaybeAddress,
  customer: MaybeCustomer,
})
export type ShopifyOrder = Static<typeof ShopifyOrder>

export const ShopifyFulfillment = Type.Object({
  id: Id,
  order_id: Id,
  status: MaybeText,
  shipment_status: MaybeText,
  tracking_company: MaybeText,
  tracking_number: MaybeText,
  tracking_numbers: Type.Optional(Type.Array(Type.String())),
  tracking_url: MaybeText,
  tracking_urls: Type.Optional(Type.Array(Type.String())),
  created_at: MaybeText,
  updated_at: MaybeText,
})
export type ShopifyFulfillment = Static<typeof ShopifyFulfillment>
