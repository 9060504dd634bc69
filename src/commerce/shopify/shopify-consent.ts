import { firstUsablePhone, type PayloadCheck } from '../payload-check.js'
import type { CheckoutConsent } from '../store-event.js'
import type { ShopifyCheckout } from './shopify-payloads.js'

const CONSENT_TIME = '/customer/sms_marketing_consent/consent_updated_at'

/**
 * The SMS marketing consent a checkout shows for its phone, or null when it shows none, or
 * none for that number.
 *
 * Ticking the box at this checkout (`buyer_accepts_sms_marketing`) is an opt-in for
 * `sms_marketing_phone`; it happened no earlier than the checkout began. Otherwise the
 * customer's own consent state counts, `subscribed` or `unsubscribed`, but only with the time
 * it was set: Shopify does not learn of a STOP sent to Nudge, so a state without a time could
 * be older than the recipient's last word and must not overrule it.
 *
 * Shopify does not send the consent wording, the page, nor the buyer's IP address or browser.
 */
export function shopifyCheckoutConsent(
  check: PayloadCheck<typeof ShopifyCheckout>,
  args: {
    readonly phone: string | null
    readonly country: string | null
    readonly startedAtMs: number
  },
): CheckoutConsent | null {
  const body = check.body
  const customerConsent = body.customer?.sms_marketing_consent ?? null
  const consentUpdatedAtMs = check.time(customerConsent?.consent_updated_at, CONSENT_TIME)
  const state = customerConsent?.state

  let answer: { marketing: boolean; phone: unknown; collectedAtMs: number } | null = null
  if (body.buyer_accepts_sms_marketing === true) {
    answer = {
      marketing: true,
      phone: body.sms_marketing_phone ?? body.phone ?? body.customer?.phone,
      collectedAtMs: Math.max(consentUpdatedAtMs ?? 0, args.startedAtMs),
    }
  } else if ((state === 'subscribed' || state === 'unsubscribed') && consentUpdatedAtMs !== null) {
    answer = {
      marketing: state === 'subscribed',
      phone: body.customer?.phone ?? body.sms_marketing_phone,
      collectedAtMs: consentUpdatedAtMs,
    }
  }
  if (answer === null || args.phone === null) return null
  if (firstUsablePhone([answer.phone], args.country) !== args.phone) return null

  return {
    marketing: answer.marketing,
    wording: null,
    pageUrl: null,
    ip: null,
    userAgent: null,
    collectedAtMs: answer.collectedAtMs,
  }
}
