import Holidays from 'date-holidays'
import { civilDate, DAY_MS } from './zone-clock.js'

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
  const years = new Map<string, Map<number, ReadonlySet<number>>>()

  const daysOfYear = (country: string, year: number): ReadonlySet<number> => {
    let byYear = years.get(country)
    if (byYear === undefined) {
      byYear = new Map()
      years.set(country, byYear)
    }
    let days = byYear.get(year)
    if (days === undefined) {
      days = holidayDays(new Holidays(country, { types: ['public'] }), year)
      byYear.set(year, days)
    }
    return days
  }

  return {
    knowsCountry: (country) => known.has(country),
    isPublicHoliday(country, localDay) {
      if (!known.has(country)) return false
      const { year } = civilDate(localDay)
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
