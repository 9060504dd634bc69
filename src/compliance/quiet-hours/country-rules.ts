import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { schemaProblems } from '../../runtime/index.js'
import { CountryRulesFileSchema, WEEKDAYS, type CountryRuleEntry } from './country-rules-schema.js'
import { QuietHoursRulesError } from './errors.js'

/** Local minutes after midnight: sending allowed from `startMinute` until before `endMinute`. */
export interface LocalWindow {
  readonly startMinute: number
  readonly endMinute: number
}

/** One country's sending rules, resolved from the file. */
export interface CountryRule {
  readonly country: string
  /** Sending hours by day of the week, index 0 = Sunday; null on a forbidden day. */
  readonly windowsByWeekday: readonly (LocalWindow | null)[]
  readonly forbiddenOnPublicHolidays: boolean
}

// The shipped rules sit in `config/` at the package root, three levels above this module both
// as source (`src/compliance/quiet-hours/`) and as build output (`dist/compliance/quiet-hours/`).
const SHIPPED_RULES_FILE = new URL('../../../config/quiet-hours.json', import.meta.url)

const TIME_OF_DAY = /^(?:([01][0-9]|2[0-3]):([0-5][0-9])|(24):(00))$/

/**
 * Reads and checks a country rules file; without `file`, the one shipped with Nudge. Throws
 * {@link QuietHoursRulesError} listing every problem found.
 */
export async function loadCountryRules(options: {
  readonly file?: string
  /** Whether public holidays are known for a country, for rules that forbid them. */
  readonly hasHolidayData: (country: string) => boolean
}): Promise<ReadonlyMap<string, CountryRule>> {
  const path = options.file ?? fileURLToPath(SHIPPED_RULES_FILE)
  const content = await readRulesFile(path)

  const problems = schemaProblems(CountryRulesFileSchema, content).map(
    (p) => `${p.field.slice(1).replaceAll('/', '.') || 'the file'}: ${p.message}`,
  )
  // The schema passed or not, entries are still read so one run reports every fault.
  const rules = isRecord(content) ? readCountries(content.countries, options, problems) : []
  if (problems.length > 0) throw new QuietHoursRulesError(path, problems)

  return new Map(rules.map((rule) => [rule.country, rule]))
}

async function readRulesFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new QuietHoursRulesError(path, ['the file cannot be read'], error)
  }

  try {
    return JSON.parse(text)
  } catch (error) {
    throw new QuietHoursRulesError(path, [`the file is not valid JSON: ${String(error)}`], error)
  }
}

function readCountries(
  countries: unknown,
  options: { readonly hasHolidayData: (country: string) => boolean },
  problems: string[],
): CountryRule[] {
  if (!isRecord(countries)) return []

  const rules: CountryRule[] = []
  for (const [country, entry] of Object.entries(countries)) {
    const where = `countries.${country}`
    if (!/^[A-Z]{2}$/.test(country)) {
      problems.push(`${where}: "${country}" is not a two-letter upper-case country code like "FR"`)
      continue
    }
    if (!isRecord(entry)) continue
    const rule = readCountry(country, entry as Partial<CountryRuleEntry>, problems)
    if (rule?.forbiddenOnPublicHolidays === true && !options.hasHolidayData(country)) {
      problems.push(`${where}.forbiddenOnPublicHolidays: no public holiday data for ${country}`)
    }
    if (rule !== undefined) rules.push(rule)
  }
  return rules
}

function readCountry(
  country: string,
  entry: Partial<CountryRuleEntry>,
  problems: string[],
): CountryRule | undefined {
  const where = `countries.${country}`
  const everyDay = readHours(entry.hours, `${where}.hours`, problems)
  const forbidden = new Set<string>(
    Array.isArray(entry.forbiddenWeekdays) ? entry.forbiddenWeekdays : [],
  )
  const special = isRecord(entry.weekdayHours) ? entry.weekdayHours : {}

  const windowsByWeekday = WEEKDAYS.map((day) => {
    if (forbidden.has(day)) {
      if (special[day] !== undefined) {
        problems.push(`${where}.weekdayHours.${day}: ${day} is also a forbidden weekday`)
      }
      return null
    }
    if (special[day] === undefined) return everyDay
    return readHours(special[day], `${where}.weekdayHours.${day}`, problems)
  })
  if (everyDay === undefined || windowsByWeekday.includes(undefined)) return undefined

  return {
    country,
    windowsByWeekday: windowsByWeekday.map((window) => window ?? null),
    forbiddenOnPublicHolidays: entry.forbiddenOnPublicHolidays === true,
  }
}

function readHours(hours: unknown, where: string, problems: string[]): LocalWindow | undefined {
  if (!isRecord(hours)) return undefined
  const startMinute = readTimeOfDay(hours.start, `${where}.start`, problems)
  const endMinute = readTimeOfDay(hours.end, `${where}.end`, problems)
  if (startMinute === undefined || endMinute === undefined) return undefined

  if (startMinute >= endMinute) {
    problems.push(
      `${where}: start must be earlier than end (windows across midnight are not supported)`,
    )
    return undefined
  }
  return { startMinute, endMinute }
}

function readTimeOfDay(value: unknown, where: string, problems: string[]): number | undefined {
  // A value of the wrong type is already reported by the schema.
  if (typeof value !== 'string') return undefined
  const match = TIME_OF_DAY.exec(value)
  if (match === null) {
    problems.push(`${where}: "${value}" is not a time of day such as "08:00" (00:00 to 24:00)`)
    return undefined
  }
  const hour = Number(match[1] ?? match[3])
  const minute = Number(match[2] ?? match[4])
  return hour * 60 + minute
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
