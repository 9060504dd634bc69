import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { NudgeError } from '../runtime/index.js'

/** The price file cannot be read or breaks the format; `problems` lists every fault found. */
export class PriceTableError extends NudgeError {
  readonly code = 'PRICE_TABLE_INVALID'
  readonly problems: readonly string[]

  constructor(file: string, problems: readonly string[], cause?: unknown) {
    super(`price file ${file} is not usable: ${problems.join('; ')}`, {
      details: { file, problems },
      cause,
    })
    this.problems = problems
  }
}

/** An amount in millionths of the currency unit (1 USD = 1,000,000 micros). */
export interface Price {
  readonly amountMicros: number
  /** ISO 4217 code. */
  readonly currency: string
}

/** Per-segment list prices by recipient country, with a fallback for countries not listed. */
export interface PriceTable {
  readonly currency: string
  /** Cost of `segmentCount` segments to `country`; other countries pay the default. */
  priceFor(country: string | undefined, segmentCount: number): Price
}

// The shipped table sits in `config/` at the package root, two levels above this module both
// as source (`src/messaging/`) and as build output (`dist/messaging/`), because the compiler
// does not copy JSON files into `dist/`.
const SHIPPED_PRICE_FILE = new URL('../../config/prices.json', import.meta.url)

const MICROS_PER_UNIT = 1_000_000
const FIELDS = new Set(['currency', 'default', 'countries'])

/**
 * Reads a price file such as
 * `{ "currency": "USD", "default": "0.0500", "countries": { "US": "0.0079" } }`: prices per
 * segment as decimal strings, so they convert to micros without rounding. Without `file`, the
 * table shipped with Nudge is used. Throws {@link PriceTableError} listing every problem.
 */
export function loadPriceTable(file?: string): PriceTable {
  const path = file ?? fileURLToPath(SHIPPED_PRICE_FILE)
  const content = readPriceFile(path)

  const problems: string[] = []
  const table = readTable(content, problems)
  if (problems.length > 0 || table === undefined) throw new PriceTableError(path, problems)

  return table
}

function readPriceFile(path: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new PriceTableError(path, ['the file cannot be read'], error)
  }

  try {
    return JSON.parse(text)
  } catch (error) {
    throw new PriceTableError(path, ['the file is not valid JSON'], error)
  }
}

function readTable(content: unknown, problems: string[]): PriceTable | undefined {
  if (!isRecord(content)) {
    problems.push('the file must hold a JSON object')
    return undefined
  }
  for (const field of Object.keys(content)) {
    if (!FIELDS.has(field)) problems.push(`unknown field "${field}"`)
  }

  const currency = content.currency
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    problems.push('currency must be three upper-case letters, like "USD"')
  }
  const defaultMicros = readMicros(content.default, 'default', problems)
  const countryMicros = readCountries(content.countries, problems)
  if (problems.length > 0) return undefined

  return createPriceTable({
    currency: String(currency),
    defaultMicros: defaultMicros ?? 0,
    countryMicros,
  })
}

function readCountries(value: unknown, problems: string[]): ReadonlyMap<string, number> {
  const prices = new Map<string, number>()
  if (!isRecord(value)) {
    problems.push('countries must be an object of country code to price')
    return prices
  }

  for (const [country, price] of Object.entries(value)) {
    if (!/^[A-Z]{2}$/.test(country)) {
      problems.push(`countries: "${country}" is not a two-letter upper-case country code`)
    }
    const micros = readMicros(price, `countries.${country}`, problems)
    if (micros !== undefined) prices.set(country, micros)
  }

  return prices
}

// Prices arrive as strings because a JSON number is a binary float: "0.0079" read as a number
// and scaled would give 7899.999…, and the rounding would differ between readers.
function readMicros(value: unknown, field: string, problems: string[]): number | undefined {
  if (typeof value !== 'string') {
    problems.push(`${field} must be a decimal string such as "0.0079"`)
    return undefined
  }
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value)
  if (match === null) {
    problems.push(`${field}: "${value}" is not a non-negative decimal such as "0.0079"`)
    return undefined
  }
  const fraction = match[2] ?? ''
  if (fraction.length > 6) {
    problems.push(`${field}: "${value}" has more than 6 decimal places`)
    return undefined
  }

  const micros = Number(match[1]) * MICROS_PER_UNIT + Number(fraction.padEnd(6, '0'))
  if (!Number.isSafeInteger(micros)) {
    problems.push(`${field}: "${value}" is too large`)
    return undefined
  }
  return micros
}

function createPriceTable(options: {
  readonly currency: string
  readonly defaultMicros: number
  readonly countryMicros: ReadonlyMap<string, number>
}): PriceTable {
  const { currency, defaultMicros, countryMicros } = options

  return Object.freeze({
    currency,
    priceFor(country: string | undefined, segmentCount: number): Price {
      if (!Number.isSafeInteger(segmentCount) || segmentCount < 0) {
        throw new RangeError(`segmentCount must be a non-negative integer, got ${segmentCount}`)
      }
      const perSegmentMicros =
        (country === undefined ? undefined : countryMicros.get(country)) ?? defaultMicros
      const amountMicros = perSegmentMicros * segmentCount
      if (!Number.isSafeInteger(amountMicros)) {
        throw new RangeError(`${segmentCount} segments exceed the largest exact amount`)
      }
      return { amountMicros, currency }
    },
  })
}

/** Micros as a decimal string with at least 4 places, more only when needed: "0.0158". */
export function formatMicros(micros: number): string {
  if (!Number.isSafeInteger(micros))
    throw new RangeError(`micros must be an integer, got ${micros}`)
  const sign = micros < 0 ? '-' : ''
  const magnitude = Math.abs(micros)
  const whole = Math.floor(magnitude / MICROS_PER_UNIT)
  const fraction = String(magnitude % MICROS_PER_UNIT)
    .padStart(6, '0')
    .replace(/0{1,2}$/, '')

  return `${sign}${whole}.${fraction}`
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
