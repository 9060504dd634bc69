import type { QuietHours } from '../../src/compliance/index.js'

const DAY_MINUTES = 1440

/**
 * Quiet hours for a world where every recipient lives at one fixed UTC offset, with no
 * country rules or holidays: small enough to check by hand, so gate tests can state the
 * release instant they expect without the real zone data.
 */
export function fixedOffsetQuietHours(offsetMinutes: number): QuietHours {
  const sign = offsetMinutes < 0 ? '-' : '+'
  const pad = (n: number): string => String(n).padStart(2, '0')
  const abs = Math.abs(offsetMinutes)
  const offset = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`

  return {
    judge(place, policy, atMs) {
      const minute = Math.floor(atMs / 60_000)
      const local = (((minute + offsetMinutes) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES
      const localTime = `${new Date(atMs + offsetMinutes * 60_000).toISOString().slice(0, 19)}${offset}`
      const common = {
        zones: [`UTC${offset}`],
        zoneSource: place.explicitZone ? ('contact' as const) : ('phone_number' as const),
        localTimes: [localTime],
      }
      if (local >= policy.startMinute && local < policy.endMinute) {
        return { ...common, allowed: true, releaseAtMs: null, rule: 'allowed' }
      }
      const wait = (((policy.startMinute - local) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES
      return {
        ...common,
        allowed: false,
        releaseAtMs: (minute + wait) * 60_000,
        rule: 'store_hours',
      }
    },
  }
}
