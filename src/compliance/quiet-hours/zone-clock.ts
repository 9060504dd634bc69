export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

// A zone's offset stays within ±14 hours, so one day either side of a local time holds every
// instant that can show it.
const SEARCH_MS = DAY_MS
const MAX_CACHED_DAYS = 512

/**
 * The wall clock of one IANA zone. Offsets come from `Intl.DateTimeFormat`, asked twice per
 * UTC day and cached, so reading local time is arithmetic once a day has been seen.
 */
export interface ZoneClock {
  readonly zone: string
  /** Local time minus UTC at `atMs`, in milliseconds (New York in winter: -18,000,000). */
  offsetMsAt(atMs: number): number
  /**
   * The first instant at which the local clock shows `localMs` (wall time as if it were UTC)
   * or later. A time skipped when clocks go forward maps to the instant of the jump; a time
   * repeated when they go back maps to its first occurrence.
   */
  instantOfLocal(localMs: number): number
  /** ISO 8601 local time with offset, e.g. `2026-03-08T03:30:00-04:00`. */
  formatLocal(atMs: number): string
}

/** Offsets across one UTC day. Zones change offset at most once a day. */
interface DayOffsets {
  readonly startOffsetMs: number
  readonly endOffsetMs: number
  /** The instant the offset changes within the day; Infinity when it does not. */
  readonly transitionMs: number
}

export function createZoneClock(zone: string): ZoneClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  })
  const days = new Map<number, DayOffsets>()

  const askOffsetMs = (atMs: number): number => {
    const wholeSecondMs = Math.floor(atMs / 1000) * 1000
    return wallTimeAsUtc(format.formatToParts(wholeSecondMs)) - wholeSecondMs
  }

  const offsetsOfDay = (day: number): DayOffsets => {
    const cached = days.get(day)
    if (cached !== undefined) return cached

    const computed = measureDay(askOffsetMs, day)
    if (days.size >= MAX_CACHED_DAYS) days.delete(days.keys().next().value ?? day)
    days.set(day, computed)
    return computed
  }

  const offsetMsAt = (atMs: number): number => {
    const offsets = offsetsOfDay(Math.floor(atMs / DAY_MS))
    return atMs < offsets.transitionMs ? offsets.startOffsetMs : offsets.endOffsetMs
  }

  const transitionWithin = (fromMs: number, toMs: number): number => {
    for (let day = Math.floor(fromMs / DAY_MS); day <= Math.floor(toMs / DAY_MS); day++) {
      const { transitionMs } = offsetsOfDay(day)
      if (transitionMs >= fromMs && transitionMs <= toMs) return transitionMs
    }
    return Infinity
  }

  return {
    zone,
    offsetMsAt,
    instantOfLocal(localMs) {
      const earlierOffsetMs = offsetMsAt(localMs - SEARCH_MS)
      const laterOffsetMs = offsetMsAt(localMs + SEARCH_MS)
      if (earlierOffsetMs === laterOffsetMs) return localMs - earlierOffsetMs

      const transitionMs = transitionWithin(localMs - SEARCH_MS, localMs + SEARCH_MS)
      if (localMs - earlierOffsetMs < transitionMs) return localMs - earlierOffsetMs
      if (localMs - laterOffsetMs >= transitionMs) return localMs - laterOffsetMs
      // Clocks jumped over this local time; the jump is when the clock first shows it or later.
      return transitionMs
    },
    formatLocal(atMs) {
      const offsetMs = offsetMsAt(atMs)
      return `${formatWallTime(atMs + offsetMs)}${formatOffset(offsetMs)}`
    },
  }
}

function measureDay(askOffsetMs: (atMs: number) => number, day: number): DayOffsets {
  const dayStartMs = day * DAY_MS
  const lastMinuteMs = dayStartMs + DAY_MS - MINUTE_MS
  const startOffsetMs = askOffsetMs(dayStartMs)
  const endOffsetMs = askOffsetMs(lastMinuteMs)
  if (startOffsetMs === endOffsetMs) return { startOffsetMs, endOffsetMs, transitionMs: Infinity }

  // Binary search for the first minute on the new offset; real transitions fall on a minute.
  let before = dayStartMs
  let after = lastMinuteMs
  while (after - before > MINUTE_MS) {
    const middle = before + Math.floor((after - before) / MINUTE_MS / 2) * MINUTE_MS
    if (askOffsetMs(middle) === startOffsetMs) before = middle
    else after = middle
  }
  return { startOffsetMs, endOffsetMs, transitionMs: after }
}

function wallTimeAsUtc(parts: readonly Intl.DateTimeFormatPart[]): number {
  let year = 0
  let month = 1
  let day = 1
  let hour = 0
  let minute = 0
  let second = 0
  for (const part of parts) {
    switch (part.type) {
      case 'year':
        year = Number(part.value)
        break
      case 'month':
        month = Number(part.value)
        break
      case 'day':
        day = Number(part.value)
        break
      case 'hour':
        // Some ICU versions write midnight as 24 even with the h23 cycle.
        hour = Number(part.value) % 24
        break
      case 'minute':
        minute = Number(part.value)
        break
      case 'second':
        second = Number(part.value)
        break
    }
  }
  return Date.UTC(year, month - 1, day, hour, minute, second)
}

// Written out by hand: building a Date and cutting its ISO string costs several times more,
// and every candidate zone is formatted on every judgement.
function formatWallTime(localMs: number): string {
  const day = Math.floor(localMs / DAY_MS)
  const { year, month, dayOfMonth } = civilDate(day)
  const secondOfDay = Math.floor((localMs - day * DAY_MS) / 1000)
  const hour = Math.floor(secondOfDay / 3600)
  const minute = Math.floor(secondOfDay / 60) % 60
  const second = secondOfDay % 60
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(dayOfMonth)}T${two(hour)}:${two(minute)}:${two(second)}`
}

/** Proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant, `civil_from_days`). */
export function civilDate(day: number): { year: number; month: number; dayOfMonth: number } {
  const shifted = day + 719_468
  const era = Math.floor(shifted / 146_097)
  const dayOfEra = shifted - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153)
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth }
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+'
  const totalMinutes = Math.round(Math.abs(offsetMs) / MINUTE_MS)
  return `${sign}${two(Math.floor(totalMinutes / 60))}:${two(totalMinutes % 60)}`
}
