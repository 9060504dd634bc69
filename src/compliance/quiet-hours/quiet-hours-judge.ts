import { earliestCommonOpening } from './common-opening.js'
import type { CountryRule } from './country-rules.js'
import type { PhoneCountries } from './phone-country.js'
import type { PhoneZoneMap } from './phone-zones.js'
import type { PublicHolidays } from './public-holidays.js'
import type {
  QuietHours,
  QuietHoursPolicy,
  QuietHoursVerdict,
  RecipientPlace,
  ZoneSource,
} from './quiet-hours.js'
import { createZoneResolver } from './recipient-zones.js'
import { createZoneClock, DAY_MS, type ZoneClock } from './zone-clock.js'
import { ZoneWindows } from './zone-windows.js'

/** How far ahead a release is looked for; beyond it the verdict says `no_window`. */
export const HORIZON_DAYS = 14

const MINUTES_PER_DAY = 1440

/** Everything judging needs, loaded beforehand by `createQuietHours`. */
export interface QuietHoursData {
  readonly phoneZones: PhoneZoneMap
  readonly phoneCountries: PhoneCountries
  readonly countryRules: ReadonlyMap<string, CountryRule>
  readonly holidays: PublicHolidays
}

/**
 * Judges with data already in memory. A recipient is bound by the rules of its number's
 * country and of its shipping country, each read on the wall clock of every candidate zone.
 */
export function createQuietHoursJudge(data: QuietHoursData): QuietHours {
  const resolveZones = createZoneResolver(data.phoneZones)
  const clocks = new Map<string, ZoneClock>()

  // Only zone names this runtime accepts get here, so the map stays as small as the zone list.
  const clockOf = (zone: string): ZoneClock => {
    let clock = clocks.get(zone)
    if (clock === undefined) {
      clock = createZoneClock(zone)
      clocks.set(zone, clock)
    }
    return clock
  }

  const rulesFor = (place: RecipientPlace): CountryRule[] => {
    const rules: CountryRule[] = []
    const phoneCountry = data.phoneCountries.countryOf(place.phone)
    const phoneRule = phoneCountry === undefined ? undefined : data.countryRules.get(phoneCountry)
    if (phoneRule !== undefined) rules.push(phoneRule)

    const shippingCountry = place.shippingAddress?.countryCode?.trim().toUpperCase()
    const shippingRule =
      shippingCountry === undefined ? undefined : data.countryRules.get(shippingCountry)
    if (shippingRule !== undefined && shippingRule !== phoneRule) rules.push(shippingRule)
    return rules
  }

  return {
    judge(place, policy, atMs) {
      checkArguments(policy, atMs)
      const { zones, source } = resolveZones(place)
      if (zones.length === 0) {
        return verdict({ zones, zoneSource: source, localTimes: [], rule: 'zone_unknown' })
      }

      const rules = rulesFor(place)
      const windows = zones.map(
        (zone) =>
          new ZoneWindows({
            clock: clockOf(zone),
            policy,
            rules,
            holidays: data.holidays,
            horizonDays: HORIZON_DAYS,
          }),
      )
      const localTimes = windows.map((w) => w.clock.formatLocal(atMs))
      const closed = windows.find((w) => !w.isOpenAt(atMs))
      if (closed === undefined) {
        return {
          allowed: true,
          releaseAtMs: null,
          zones,
          zoneSource: source,
          localTimes,
          rule: 'allowed',
        }
      }

      // A zone's search visits the local days from that of `atMs` to one past the horizon.
      const windowsPerZone = HORIZON_DAYS + 2
      const horizonMs = atMs + HORIZON_DAYS * DAY_MS
      const releaseAtMs = earliestCommonOpening(windows, atMs, horizonMs, windowsPerZone)
      const rule = releaseAtMs === undefined ? 'no_window' : closed.ruleAt(atMs)
      return verdict({ zones, zoneSource: source, localTimes, rule, releaseAtMs })
    },
  }
}

function verdict(fields: {
  readonly zones: readonly string[]
  readonly zoneSource: ZoneSource
  readonly localTimes: readonly string[]
  readonly rule: string
  readonly releaseAtMs?: number
}): QuietHoursVerdict {
  const { zones, zoneSource, localTimes, rule, releaseAtMs } = fields
  return { allowed: false, releaseAtMs: releaseAtMs ?? null, zones, zoneSource, localTimes, rule }
}

function checkArguments(policy: QuietHoursPolicy, atMs: number): void {
  const { startMinute, endMinute } = policy
  if (
    !Number.isInteger(startMinute) ||
    !Number.isInteger(endMinute) ||
    startMinute < 0 ||
    endMinute > MINUTES_PER_DAY ||
    startMinute >= endMinute
  ) {
    throw new RangeError(
      `quiet hours policy needs 0 <= startMinute < endMinute <= 1440, got ${startMinute}-${endMinute}`,
    )
  }
  if (!Number.isFinite(atMs)) throw new RangeError(`atMs must be a finite instant, got ${atMs}`)
}
