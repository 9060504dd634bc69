import { isIP } from 'node:net'
import type { FieldProblem } from '../../runtime/index.js'

/** Field checks shared by the consent API and contact imports; each adds its problems. */
export type ProblemSink = (field: string, code: string, message: string) => void

/** Whether the runtime knows this IANA time zone (e.g. `Europe/Paris`). */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}

export function checkTimeZone(value: string, field: string, problem: ProblemSink): void {
  if (!isTimeZone(value)) {
    problem(field, 'TIME_ZONE_INVALID', 'must be an IANA time zone, e.g. "America/Chicago"')
  }
}

export function checkCountryCode(value: string, field: string, problem: ProblemSink): void {
  if (!/^[A-Z]{2}$/.test(value)) {
    problem(field, 'COUNTRY_INVALID', 'must be an ISO 3166-1 alpha-2 code, e.g. "US"')
  }
}

export function checkProvinceCode(value: string, field: string, problem: ProblemSink): void {
  if (!/^[A-Z0-9]{1,3}$/.test(value)) {
    problem(field, 'PROVINCE_INVALID', 'must be an ISO 3166-2 subdivision code, e.g. "CA"')
  }
}

export function checkZip(value: string, field: string, problem: ProblemSink): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9 -]{0,11}$/.test(value)) {
    problem(field, 'ZIP_INVALID', 'must be a postal code of 1-12 letters, digits, spaces or dashes')
  }
}

export function checkPageUrl(value: string, field: string, problem: ProblemSink): void {
  let isHttp = false
  try {
    const url = new URL(value)
    isHttp = url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    isHttp = false
  }
  if (!isHttp) problem(field, 'URL_INVALID', 'must be an absolute http or https URL')
}

export function checkIp(value: string, field: string, problem: ProblemSink): void {
  if (isIP(value) === 0) problem(field, 'IP_INVALID', 'must be an IPv4 or IPv6 address')
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i

/** Milliseconds of an ISO 8601 date-time with a zone, not in the future; else a problem. */
export function checkCollectedAt(
  value: string,
  field: string,
  args: { nowMs: number; problem: ProblemSink },
): number | undefined {
  const ms = ISO_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN
  if (Number.isNaN(ms)) {
    args.problem(field, 'DATE_INVALID', 'must be an ISO 8601 date-time with a time zone')
    return undefined
  }
  // Clocks drift: a minute ahead is still "now".
  if (ms > args.nowMs + 60_000) {
    args.problem(field, 'DATE_IN_FUTURE', 'is in the future')
    return undefined
  }
  return ms
}

/** A sink that collects into a list. */
export function collectProblems(problems: FieldProblem[]): ProblemSink {
  return (field, code, message) => problems.push({ field, code, message })
}
