import Holidays from 'date-holidays'
import { DAY_MS } from './zone-clock.js'

/** Public holidays by country, as local calendar days (days since 1970-01-01). */
export interface PublicHolidays {
  /** Whether date-holidays has data for the country. */
  knowsCountry(country: string): boolean
  /** Whether the local calendar day `localDay` is a public holiday in `country`. */
  isPublicHoliday(country: string, localDay: number): boolean
}

/**
 * Holidays come from the data shipped inside `date-holidays`, so nothing is fetched. A year is
 * computed the first time a day in it is asked about. Only the `public` type counts: bank,
 * school and optional days and observances (Mother's Day, Halloween) leave sending open.
 *
 * Limitation: national holidays only; regional ones (Alsace-Moselle's Good Friday, a US
 * state's own days) are not applied.
 */
export function createPublicHolidays(): PublicHolidays {
  const known = new Set(Object.keys(new Holidays().getCountries()))
  const calendars = new Map<string, Holidays>()
  const years = new Map<string, ReadonlySet<number>>()

  const daysOfYear = (country: string, year: number): ReadonlySet<number> => {
    const key = `${country}:${year}`
    let days = years.get(key)
    if (days === undefined) {
      days = holidayDays(calendarOf(country), year)
      years.set(key, days)
    }
    return days
  }

  const calendarOf = (country: string): Holidays => {
    let calendar = calendars.get(country)
    if (calendar === undefined) {
      calendar = new Holidays(country, { types: ['public'] })
      calendars.set(country, calendar)
    }
    return calendar
  }

  return {
    knowsCountry: (country) => known.has(country),
    isPublicHoliday(country, localDay) {
      if (!known.has(country)) return false
      const year = new Date(localDay * DAY_MS).getUTCFullYear()
      // A holiday of several days may start in the year before.
      return daysOfYear(country, year).has(localDay) || daysOfYear(country, year - 1).has(localDay)
    },
  }
}

function holidayDays(calendar: Holidays, year: number): ReadonlySet<number> {
  const days = new Set<number>()
  for (const holiday of calendar.getHolidays(year)) {
    if (holiday.type !== 'public') continue
    // `date` is the local start, e.g. `2026-07-14 00:00:00`; a holiday starting in the
    // afternoon closes its whole day.
    const [y, m, d] = holiday.date.slice(0, 10).split('-').map(Number)
    const firstDay = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / DAY_MS
    const length = Math.max(
      1,
      Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS),
    )
    for (let day = firstDay; day < firstDay + length; day++) days.add(day)
  }
  return days
}
