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

/**
 * The store's hours and every applicable country's rules, read on one zone's wall clock. Local
 * days are counted from 1970-01-01 in that zone; an instant belongs to the local date its
 * clock shows.
 */
export interface ZoneWindows {
  readonly clock: ZoneClock
  localDayOf(atMs: number): number
  windowOfDay(localDay: number): DayWindow
  isOpenAt(atMs: number): boolean
  /** The first window on a local day from that of `atMs` on that is open after `atMs`. */
  nextWindowAfter(atMs: number, horizonMs: number): DayWindow | undefined
  /** The rule that keeps `atMs` closed; `allowed` when none does. */
  ruleAt(atMs: number): string
}

export function createZoneWindows(options: {
  readonly clock: ZoneClock
  readonly policy: LocalWindow
  readonly rules: readonly CountryRule[]
  readonly holidays: PublicHolidays
  readonly horizonDays: number
}): ZoneWindows {
  const { clock, policy, rules, holidays, horizonDays } = options

  const localDayOf = (atMs: number): number => Math.floor((atMs + clock.offsetMsAt(atMs)) / DAY_MS)

  const instantOfMinute = (localDay: number, minute: number): number =>
    clock.instantOfLocal(localDay * DAY_MS + minute * MINUTE_MS)

  const closingRule = (localDay: number): string | undefined => {
    for (const rule of rules) {
      if (rule.forbiddenOnPublicHolidays && holidays.isPublicHoliday(rule.country, localDay)) {
        return `country:${rule.country}:holiday`
      }
    }
    const weekday = weekdayOf(localDay)
    for (const rule of rules) {
      if (rule.windowsByWeekday[weekday] === null)
        return `country:${rule.country}:${WEEKDAYS[weekday]}`
    }
    return undefined
  }

  const windowOfDay = (localDay: number): DayWindow => {
    const closedBy = closingRule(localDay)
    if (closedBy !== undefined) return { closedBy, openMs: 0, closeMs: 0 }

    let { startMinute, endMinute } = policy
    const weekday = weekdayOf(localDay)
    for (const rule of rules) {
      const hours = rule.windowsByWeekday[weekday]
      if (hours == null) continue
      startMinute = Math.max(startMinute, hours.startMinute)
      endMinute = Math.min(endMinute, hours.endMinute)
    }
    if (startMinute >= endMinute) return { closedBy, openMs: 0, closeMs: 0 }

    const openMs = instantOfMinute(localDay, startMinute)
    return { closedBy, openMs, closeMs: instantOfMinute(localDay, endMinute) }
  }

  const isWithin = (atMs: number, localDay: number, hours: LocalWindow): boolean =>
    atMs >= instantOfMinute(localDay, hours.startMinute) &&
    atMs < instantOfMinute(localDay, hours.endMinute)

  return {
    clock,
    localDayOf,
    windowOfDay,
    isOpenAt(atMs) {
      const window = windowOfDay(localDayOf(atMs))
      return atMs >= window.openMs && atMs < window.closeMs
    },
    nextWindowAfter(atMs, horizonMs) {
      const firstDay = localDayOf(atMs)
      for (let day = firstDay; day <= firstDay + horizonDays + 1; day++) {
        const window = windowOfDay(day)
        if (window.openMs >= window.closeMs || window.closeMs <= atMs) continue
        return window.openMs < horizonMs ? window : undefined
      }
      return undefined
    },
    ruleAt(atMs) {
      const localDay = localDayOf(atMs)
      const closedBy = closingRule(localDay)
      if (closedBy !== undefined) return closedBy
      if (!isWithin(atMs, localDay, policy)) return 'store_hours'

      const weekday = weekdayOf(localDay)
      for (const rule of rules) {
        const hours = rule.windowsByWeekday[weekday]
        if (hours != null && !isWithin(atMs, localDay, hours))
          return `country:${rule.country}:hours`
      }
      return 'allowed'
    },
  }
}

/** Day of the week of a day count from 1970-01-01, a Thursday; 0 is Sunday. */
function weekdayOf(localDay: number): number {
  return (((localDay + 4) % 7) + 7) % 7
}
