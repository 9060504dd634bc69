import type { CountryRule, LocalWindow } from './country-rules.js'
import { WEEKDAYS } from './country-rules-schema.js'
import type { PublicHolidays } from './public-holidays.js'
import { DAY_MS, MINUTE_MS, type ZoneClock } from './zone-clock.js'

/** The instants of one local day in one zone during which sending is allowed. */
export interface DayWindow {
  /** The rule closing the whole day, e.g. `country:FR:holiday`; undefined on an open day. */
  readonly closedBy: string | undefined
  /** Sending allowed from `openMs` until before `closeMs`; empty when they are equal. */
  readonly openMs: number
  readonly closeMs: number
}

export interface ZoneWindowsOptions {
  readonly clock: ZoneClock
  readonly policy: LocalWindow
  readonly rules: readonly CountryRule[]
  readonly holidays: PublicHolidays
  readonly horizonDays: number
}

/**
 * The store's hours and every applicable country's rules, read on one zone's wall clock. Local
 * days are counted from 1970-01-01 in that zone; an instant belongs to the local date its
 * clock shows. A class rather than closures because one is made per zone on every judgement.
 */
export class ZoneWindows {
  readonly clock: ZoneClock
  readonly #policy: LocalWindow
  readonly #rules: readonly CountryRule[]
  readonly #holidays: PublicHolidays
  readonly #horizonDays: number
  // The release search asks for the same days again in every round.
  readonly #windowsByDay = new Map<number, DayWindow>()

  constructor(options: ZoneWindowsOptions) {
    this.clock = options.clock
    this.#policy = options.policy
    this.#rules = options.rules
    this.#holidays = options.holidays
    this.#horizonDays = options.horizonDays
  }

  localDayOf(atMs: number): number {
    return Math.floor((atMs + this.clock.offsetMsAt(atMs)) / DAY_MS)
  }

  windowOfDay(localDay: number): DayWindow {
    let window = this.#windowsByDay.get(localDay)
    if (window === undefined) {
      window = this.#computeWindow(localDay)
      this.#windowsByDay.set(localDay, window)
    }
    return window
  }

  #computeWindow(localDay: number): DayWindow {
    const closedBy = this.#closingRule(localDay)
    if (closedBy !== undefined) return { closedBy, openMs: 0, closeMs: 0 }

    let { startMinute, endMinute } = this.#policy
    const weekday = weekdayOf(localDay)
    for (const rule of this.#rules) {
      const hours = rule.windowsByWeekday[weekday]
      if (hours == null) continue
      startMinute = Math.max(startMinute, hours.startMinute)
      endMinute = Math.min(endMinute, hours.endMinute)
    }
    if (startMinute >= endMinute) return { closedBy, openMs: 0, closeMs: 0 }

    const openMs = this.#instantOfMinute(localDay, startMinute)
    return { closedBy, openMs, closeMs: this.#instantOfMinute(localDay, endMinute) }
  }

  isOpenAt(atMs: number): boolean {
    const window = this.windowOfDay(this.localDayOf(atMs))
    return atMs >= window.openMs && atMs < window.closeMs
  }

  /** The first window, on the local day of `atMs` or later, still open after `atMs`. */
  nextWindowAfter(atMs: number, horizonMs: number): DayWindow | undefined {
    const firstDay = this.localDayOf(atMs)
    for (let day = firstDay; day <= firstDay + this.#horizonDays + 1; day++) {
      const window = this.windowOfDay(day)
      if (window.openMs >= window.closeMs || window.closeMs <= atMs) continue
      return window.openMs < horizonMs ? window : undefined
    }
    return undefined
  }

  /** The rule that keeps `atMs` closed; `allowed` when none does. */
  ruleAt(atMs: number): string {
    const localDay = this.localDayOf(atMs)
    const closedBy = this.#closingRule(localDay)
    if (closedBy !== undefined) return closedBy
    if (!this.#isWithin(atMs, localDay, this.#policy)) return 'store_hours'

    const weekday = weekdayOf(localDay)
    for (const rule of this.#rules) {
      const hours = rule.windowsByWeekday[weekday]
      if (hours != null && !this.#isWithin(atMs, localDay, hours)) {
        return `country:${rule.country}:hours`
      }
    }
    return 'allowed'
  }

  #closingRule(localDay: number): string | undefined {
    for (const rule of this.#rules) {
      if (
        rule.forbiddenOnPublicHolidays &&
        this.#holidays.isPublicHoliday(rule.country, localDay)
      ) {
        return `country:${rule.country}:holiday`
      }
    }
    const weekday = weekdayOf(localDay)
    for (const rule of this.#rules) {
      if (rule.windowsByWeekday[weekday] === null) {
        return `country:${rule.country}:${WEEKDAYS[weekday]}`
      }
    }
    return undefined
  }

  #isWithin(atMs: number, localDay: number, hours: LocalWindow): boolean {
    return (
      atMs >= this.#instantOfMinute(localDay, hours.startMinute) &&
      atMs < this.#instantOfMinute(localDay, hours.endMinute)
    )
  }

  #instantOfMinute(localDay: number, minute: number): number {
    return this.clock.instantOfLocal(localDay * DAY_MS + minute * MINUTE_MS)
  }
}

/** Day of the week of a day count from 1970-01-01, a Thursday; 0 is Sunday. */
function weekdayOf(localDay: number): number {
  return (((localDay + 4) % 7) + 7) % 7
}
