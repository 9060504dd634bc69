import {
  checkCollectedAt,
  checkCountryCode,
  checkIp,
  checkPageUrl,
  checkProvinceCode,
  checkTimeZone,
  checkZip,
  collectProblems,
  type ConsentEvidence,
  type ContactDetails,
} from '../compliance/index.js'
import type { FieldProblem } from '../runtime/index.js'
import type { ConsentBody, ContactPatchBody } from './compliance-schemas.js'

/**
 * Checks the rules of a consent request the schema cannot express, adding to `problems`, and
 * returns its evidence. An opt-in needs the wording the recipient agreed to, except a double
 * opt-in, whose request text becomes that wording.
 */
export function checkConsentBody(
  body: ConsentBody,
  args: { nowMs: number; problems: FieldProblem[] },
): ConsentEvidence {
  const { nowMs, problems } = args
  const problem = collectProblems(problems)
  const isDoubleOptIn = body.double_opt_in === true
  const evidence = body.evidence ?? {}

  if (body.action === 'opt_in' && !isDoubleOptIn && !evidence.wording?.trim()) {
    problem(
      '/evidence/wording',
      'EVIDENCE_REQUIRED',
      'is required for an opt-in: the consent wording the recipient agreed to',
    )
  }
  if (isDoubleOptIn && body.action !== 'opt_in') {
    problem('/double_opt_in', 'INVALID', 'applies to an opt-in only')
  }
  for (const field of ['language', 'from'] as const) {
    if (body[field] !== undefined && !isDoubleOptIn) {
      problem(`/${field}`, 'INVALID', 'applies to a double opt-in only')
    }
  }

  const collectedAtMs =
    typeof evidence.collected_at === 'string'
      ? checkCollectedAt(evidence.collected_at, '/evidence/collected_at', { nowMs, problem })
      : undefined
  if (typeof evidence.page_url === 'string') {
    checkPageUrl(evidence.page_url, '/evidence/page_url', problem)
  }
  if (typeof evidence.ip === 'string') checkIp(evidence.ip, '/evidence/ip', problem)

  return {
    wording: evidence.wording?.trim() || null,
    pageUrl: evidence.page_url ?? null,
    ip: evidence.ip ?? null,
    userAgent: evidence.user_agent ?? null,
    collectedAtMs: collectedAtMs ?? nowMs,
  }
}

/** Checks and converts the time zone and shipping address fields of a request. */
export function checkContactDetails(
  body: ContactPatchBody,
  problems: FieldProblem[],
): ContactDetails {
  const problem = collectProblems(problems)
  if (typeof body.time_zone === 'string') checkTimeZone(body.time_zone, '/time_zone', problem)

  const address = body.shipping_address
  if (address === undefined || address === null) {
    return { timeZone: body.time_zone, shippingAddress: address }
  }
  const countryCode = address.country_code?.toUpperCase() ?? null
  const provinceCode = address.province_code?.toUpperCase() ?? null
  const zip = address.zip?.trim() ?? null
  const at = (field: string): string => `/shipping_address/${field}`
  if (countryCode !== null) checkCountryCode(countryCode, at('country_code'), problem)
  if (provinceCode !== null) checkProvinceCode(provinceCode, at('province_code'), problem)
  if (zip !== null) checkZip(zip, at('zip'), problem)
  return { timeZone: body.time_zone, shippingAddress: { countryCode, provinceCode, zip } }
}
