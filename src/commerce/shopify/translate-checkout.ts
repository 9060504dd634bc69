import { WebhookPayloadError } from '../errors.js'
import { PayloadCheck, textOrNull, toCustomer } from '../payload-check.js'
import type { CheckoutUpdated } from '../store-event.js'
import { shopifyCheckoutConsent } from './shopify-consent.js'
import {
  shopifyLineItems,
  shopifyNames,
  shopifyPhone,
  shopifyPhoneCountry,
  shopifyShippingAddress,
} from './shopify-fields.js'
import { ShopifyCheckout } from './shopify-payloads.js'
import type { ShopifyContext } from './shopify-context.js'

/** A `checkouts/create` or `checkouts/update` payload as a checkout.updated event. */
export function translateShopifyCheckout(json: unknown, context: ShopifyContext): CheckoutUpdated {
  const check = new PayloadCheck(ShopifyCheckout, json)
  const body = check.body
  const updatedAtMs = check.time(body.updated_at, '/updated_at') ?? 0
  const createdAtMs = check.time(body.created_at, '/created_at')
  const completedAtMs = check.time(body.completed_at, '/completed_at')
  const currency = check.currency(body.currency, '/currency')
  const totalMicros = check.money(body.total_price, '/total_price')
  const items = shopifyLineItems(check, body.line_items)

  const country = shopifyPhoneCountry(body, context.store.defaultCountry)
  const phone = shopifyPhone(body, country, [body.sms_marketing_phone])
  const consent = shopifyCheckoutConsent(check, {
    phone,
    country,
    startedAtMs: createdAtMs ?? updatedAtMs,
  })
  if (check.problems.length > 0) throw new WebhookPayloadError(context.topic, check.problems)

  return {
    type: 'checkout.updated',
    storeId: context.store.id,
    platform: 'shopify',
    checkoutId: body.token,
    phone,
    consent,
    customer: toCustomer({ ...shopifyNames(body), email: body.email ?? body.customer?.email }),
    items,
    totalMicros,
    currency,
    recoveryUrl: textOrNull(body.abandoned_checkout_url),
    shippingAddress: shopifyShippingAddress(body),
    completedAtMs,
    updatedAtMs,
  }
}
