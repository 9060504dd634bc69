import type { Static, TSchema } from 'typebox'
import { parseRecipient } from '../messaging/index.js'
import { schemaProblems, type FieldProblem } from '../runtime/index.js'
import { decimalToMicros } from './decimal-money.js'

/** Currencies as ISO 4217 lists them, from the runtime's own table. */
const ISO_4217: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'))

/** No store event is older than online shops; an earlier date is a typo or a placeholder. */
const EARLIEST_EVENT_MS = Date.UTC(2000, 0, 1)
import type { Address, Customer } from './store-event.js'

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i
/** WooCommerce's `_gmt` fields: UTC, written without a zone. */
const UTC_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/

/**
 * Checks one payload: its shape against a schema, then the values a schema cannot judge
 * (amounts, times, currencies), collecting every problem so the sender learns them all at
 * once. Until {@link problems} is empty, `body` may not have the schema's type: the value
 * readers look at what they get and report, rather than trust it.
 */
export class PayloadCheck<S extends TSchema> {
  readonly body: Static<S>
  readonly #problems: FieldProblem[]

  readonly #acceptsUtcWithoutZone: boolean

  /** `acceptsUtcWithoutZone`: read a time without a zone as UTC (WooCommerce's `_gmt`). */
  constructor(schema: S, value: unknown, options: { acceptsUtcWithoutZone?: boolean } = {}) {
    this.#problems = schemaProblems(schema, value)
    this.body = (value ?? {}) as Static<S>
    this.#acceptsUtcWithoutZone = options.acceptsUtcWithoutZone ?? false
  }

  get problems(): readonly FieldProblem[] {
    return this.#problems
  }

  /** Micro-units of a decimal amount; 0 after reporting a bad one. */
  money(value: unknown, field: string): number {
    if (typeof value !== 'string' && typeof value !== 'number') return 0
    const micros = decimalToMicros(value)
    if (micros === undefined) {
      this.problem(field, 'AMOUNT_INVALID', 'must be a decimal amount such as "49.90"')
    }
    return micros ?? 0
  }

  /** Ms of an ISO 8601 date-time with a zone; null when absent. */
  time(value: unknown, field: string): number | null {
    if (typeof value !== 'string') return null
    const ms = ISO_DATE_TIME.test(value)
      ? Date.parse(value)
      : this.#acceptsUtcWithoutZone && UTC_WITHOUT_ZONE.test(value)
        ? Date.parse(`${value}Z`)
        : Number.NaN
    if (Number.isNaN(ms)) {
      this.problem(field, 'DATE_INVALID', 'must be an ISO 8601 date-time with a time zone')
      return null
    }
    if (ms < EARLIEST_EVENT_MS) {
      this.problem(field, 'DATE_OUT_OF_RANGE', 'must be in the year 2000 or later')
      return null
    }
    return ms
  }

  /** The first of several times that is present; a problem on `field` when none is. */
  requiredTime(candidates: readonly (readonly [unknown, string])[], field: string): number {
    for (const [value, at] of candidates) {
      const ms = this.time(value, at)
      if (ms !== null) return ms
    }
    if (candidates.every(([value]) => typeof value !== 'string')) {
      this.problem(field, 'REQUIRED', 'is required')
    }
    return 0
  }

  /** An ISO 4217 code, upper case. */
  currency(value: unknown, field: string): string {
    if (typeof value !== 'string') return ''
    const code = value.trim().toUpperCase()
    if (!ISO_4217.has(code)) {
      this.problem(field, 'CURRENCY_INVALID', 'must be an ISO 4217 code such as "USD"')
    }
    return code
  }

  /** Adds a problem unless the schema already reported this field or one containing it. */
  problem(field: string, code: string, message: string): void {
    const isKnown = this.#problems.some((p) => field === p.field || field.startsWith(`${p.field}/`))
    if (!isKnown) this.#problems.push({ field, code, message })
  }
}

/** An id the platform may write as a number or a string, as text. */
export function idText(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value).trim() : ''
}

/** Text, or null for an absent or blank value. */
export function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

/**
 * The first candidate that is a real, textable number, in E.164. Platforms keep phone
 * numbers as the customer typed them (`(202) 555-0143`, `06 12 34 56 78`), so national forms
 * are read in `country`, the address's or the store's.
 */
export function firstUsablePhone(
  candidates: readonly unknown[],
  country: string | null,
): string | null {
  for (const candidate of candidates) {
    if (typeof candidate !== 'string' || candidate.trim() === '') continue
    const parsed = parseRecipient(candidate, country ?? undefined)
    if (parsed.ok) return parsed.e164
  }
  return null
}

/**
 * An address from the parts a platform gives, each kept only in the form the rest of Nudge
 * reads (ISO 3166 codes, a plain postal code); null when nothing usable is left.
 */
export function toAddress(parts: {
  readonly country: unknown
  readonly province: unknown
  readonly zip: unknown
}): Address | null {
  const country = textOrNull(parts.country)?.toUpperCase() ?? null
  const province = textOrNull(parts.province)?.toUpperCase() ?? null
  const zip = textOrNull(parts.zip)
  const address: Address = {
    countryCode: country !== null && /^[A-Z]{2}$/.test(country) ? country : null,
    provinceCode: province !== null && /^[A-Z0-9]{1,3}$/.test(province) ? province : null,
    zip: zip !== null && /^[A-Za-z0-9][A-Za-z0-9 -]{0,11}$/.test(zip) ? zip : null,
  }
  const isEmpty = Object.values(address).every((v) => v === null)
  return isEmpty ? null : address
}

/** A customer from the names and email given; null when there are none. */
export function toCustomer(parts: {
  readonly firstName: unknown
  readonly lastName: unknown
  readonly email: unknown
}): Customer | null {
  const customer: Customer = {
    firstName: textOrNull(parts.firstName),
    lastName: textOrNull(parts.lastName),
    email: textOrNull(parts.email),
  }
  return Object.values(customer).every((v) => v === null) ? null : customer
}

/**
 * The entries of a list as objects: anything else (a `null` in a list of items, say) reads as
 * an empty object, so translation carries on and the schema's own problem for that entry is
 * what the sender gets back.
 */
export function objectsIn(items: readonly unknown[]): Record<string, unknown>[] {
  return items.map((item) =>
    item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {},
  )
}
