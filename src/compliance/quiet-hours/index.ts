import { loadCountryRules } from './country-rules.js'
import { createPhoneCountries } from './phone-country.js'
import { loadPhoneZoneMap } from './phone-zones.js'
import { createPublicHolidays } from './public-holidays.js'
import type { QuietHours } from './quiet-hours.js'
import { createQuietHoursJudge } from './quiet-hours-judge.js'

export type {
  QuietHours,
  QuietHoursPolicy,
  QuietHoursVerdict,
  RecipientPlace,
  ZoneSource,
} from './quiet-hours.js'
export { QuietHoursRulesError, PhoneZoneDataError } from './errors.js'
export { HORIZON_DAYS } from './quiet-hours-judge.js'
export { createZoneClock, type ZoneClock } from './zone-clock.js'

export interface QuietHoursOptions {
  /**
   * Path of the country rules JSON file (format of `config/quiet-hours.json`). Default: that
   * shipped file, which holds rules for France and the United States.
   */
  readonly countryRulesFile?: string
}

/**
 * Loads the number to time zone map, the country rules and the holiday data once, and returns
 * a {@link QuietHours} whose `judge` is synchronous and touches neither disk nor network. The
 * first judgement in a zone, or in a year of a country's holidays, prepares it once (a few
 * milliseconds); later ones take a few microseconds.
 *
 * `judge` throws a RangeError for a policy outside `0 <= startMinute < endMinute <= 1440` or
 * an instant that is not finite. A verdict that is not allowed and has no `releaseAtMs` has
 * rule `zone_unknown` (nothing places the recipient) or `no_window` (no instant within
 * {@link HORIZON_DAYS} days is allowed in every candidate zone); such a message cannot wait.
 *
 * @throws {QuietHoursRulesError} the rules file is unreadable or wrong; every problem is listed.
 * @throws {PhoneZoneDataError} the number to time zone map is missing from the installation.
 */
export async function createQuietHours(options: QuietHoursOptions = {}): Promise<QuietHours> {
  const holidays = createPublicHolidays()
  const [phoneZones, countryRules] = await Promise.all([
    loadPhoneZoneMap(),
    loadCountryRules({
      file: options.countryRulesFile,
      hasHolidayData: (country) => holidays.knowsCountry(country),
    }),
  ])

  return createQuietHoursJudge({
    phoneZones,
    phoneCountries: createPhoneCountries(),
    countryRules,
    holidays,
  })
}
