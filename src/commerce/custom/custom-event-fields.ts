import type { TSchema } from 'typebox'
import {
  checkCollectedAt,
  checkCountryCode,
  checkIp,
  checkPageUrl,
  checkProvinceCode,
  checkZip,
} from '../../compliance/index.js'
import { parseRecipient } from '../../messaging/index.js'
import { textOrNull, type PayloadCheck, objectsIn } from '../payload-check.js'
import type { Address, CheckoutConsent, LineItem } from '../store-event.js'
import type { CheckoutUpdatedBody } from './custom-event-bodies.js'

type Check = PayloadCheck<TSchema>

/** A store's clock may run a little ahead of ours; an hour is more than any drift. */
const FUTURE_TOLERANCE_MS = 3600_000

/** Ms of an event's time, which may not lie in the future. */
export function eventTime(check: Check, value: unknown, field: string, nowMs: number): number {
  const ms = check.time(value, field)
  if (ms !== null && ms > nowMs + FUTURE_TOLERANCE_MS) {
    check.problem(field, 'DATE_IN_FUTURE', 'is in the future')
  }
  return ms ?? 0
}

/** The phone in E.164, null when not given; a number that cannot be texted is a problem. */
export function customPhone(check: Check, value: unknown, country: string | null): string | null {
  const text = textOrNull(value)
  if (text === null) return null
  const parsed = parseRecipient(text, country ?? undefined)
  if (!parsed.ok) check.problem('/phone', parsed.code, parsed.message)
  return parsed.ok ? parsed.e164 : null
}

/** An http(s) link given, or null. */
export function customUrl(check: Check, value: unknown, field: string): string | null {
  const url = textOrNull(value)
  if (url !== null) checkPageUrl(url, field, sinkOf(check))
  return url
}

export function customItems(check: Check, items: unknown): LineItem[] {
  if (!Array.isArray(items)) return []
  return objectsIn(items).map((item: Partial<CheckoutUpdatedBody['items'][number]>, i) => ({
    title: typeof item.title === 'string' ? item.title : '',
    variantTitle: textOrNull(item.variant_title),
    quantity: typeof item.quantity === 'number' ? item.quantity : 0,
    priceMicros: check.money(item.price, `/items/${i}/price`),
    productUrl: customUrl(check, item.product_url, `/items/${i}/product_url`),
    imageUrl: customUrl(check, item.image_url, `/items/${i}/image_url`),
  }))
}

export function customAddress(
  check: Check,
  value: CheckoutUpdatedBody['shipping_address'],
): Address | null {
  if (value === undefined || value === null || typeof value !== 'object') return null
  const countryCode = textOrNull(value.country_code)?.toUpperCase() ?? null
  const provinceCode = textOrNull(value.province_code)?.toUpperCase() ?? null
  const zip = textOrNull(value.zip)
  const at = (field: string): string => `/shipping_address/${field}`
  if (countryCode !== null) checkCountryCode(countryCode, at('country_code'), sinkOf(check))
  if (provinceCode !== null) checkProvinceCode(provinceCode, at('province_code'), sinkOf(check))
  if (zip !== null) checkZip(zip, at('zip'), sinkOf(check))
  return countryCode === null && provinceCode === null && zip === null
    ? null
    : { countryCode, provinceCode, zip }
}

/**
 * The customer's answer to the consent checkbox, with its evidence. An agreement needs the
 * wording the customer saw, as any opt-in in the ledger does, and consent needs the phone it
 * is for. Collected when the checkout last changed, unless told.
 */
export function customConsent(
  check: Check,
  value: CheckoutUpdatedBody['consent'],
  args: { readonly phone: string | null; readonly updatedAtMs: number; readonly nowMs: number },
): CheckoutConsent | null {
  if (value === undefined || value === null || typeof value !== 'object') return null
  const sink = sinkOf(check)
  const wording = textOrNull(value.wording)
  if (value.marketing === true && wording === null) {
    check.problem('/consent/wording', 'EVIDENCE_REQUIRED', 'is required for an agreement')
  }
  if (typeof value.page_url === 'string') checkPageUrl(value.page_url, '/consent/page_url', sink)
  if (typeof value.ip === 'string') checkIp(value.ip, '/consent/ip', sink)
  const collectedAtMs =
    typeof value.collected_at === 'string'
      ? checkCollectedAt(value.collected_at, '/consent/collected_at', {
          nowMs: args.nowMs,
          problem: sink,
        })
      : undefined
  if (args.phone === null) check.problem('/phone', 'REQUIRED', 'is required with consent')

  return {
    marketing: value.marketing === true,
    wording,
    pageUrl: textOrNull(value.page_url),
    ip: textOrNull(value.ip),
    userAgent: textOrNull(value.user_agent),
    collectedAtMs: collectedAtMs ?? args.updatedAtMs,
  }
}

function sinkOf(check: Check): (field: string, code: string, message: string) => void {
  return (field, code, message) => check.problem(field, code, message)
}
