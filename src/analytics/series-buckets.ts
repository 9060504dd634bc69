import { createZoneClock, type ZoneClock } from '../compliance/index.js'

/** How long one point of a series covers: a day or an hour on the store's wall clock. */
export type BucketSize = 'day' | 'hour'

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

export type BucketStarts =
  | { readonly ok: true; readonly startsMs: readonly number[] }
  | { readonly ok: false; readonly reason: 'TOO_MANY_BUCKETS' }

/**
 * Where the buckets of a period start, in the store's time zone: at each local midnight (or
 * each local whole hour) inside the period, after the period's own start. The first bucket
 * begins at `fromMs` and the last ends at `toMs`, so the buckets cover exactly the period
 * even when it does not begin or end on a boundary. A day is 23 or 25 hours long when the
 * clocks change in it; an hour the clocks skip has no bucket, an hour they repeat has two.
 * A period of more than `maxBuckets` buckets is refused.
 */
export function bucketStarts(args: {
  readonly fromMs: number
  readonly toMs: number
  readonly size: BucketSize
  readonly timeZone: string
  readonly maxBuckets: number
}): BucketStarts {
  const zone = createZoneClock(args.timeZone)
  const next = args.size === 'day' ? nextMidnight : nextWholeHour
  const startsMs: number[] = []
  for (let startMs = args.fromMs; startMs < args.toMs; startMs = next(zone, startMs)) {
    if (startsMs.length === args.maxBuckets) return { ok: false, reason: 'TOO_MANY_BUCKETS' }
    startsMs.push(startMs)
  }
  return { ok: true, startsMs }
}

/** The first local midnight after `atMs`. */
function nextMidnight(zone: ZoneClock, atMs: number): number {
  const localDay = Math.floor((atMs + zone.offsetMsAt(atMs)) / DAY_MS)
  const midnightMs = zone.instantOfLocal((localDay + 1) * DAY_MS)
  // A day always ends after it began; the guard only keeps a strange zone from looping.
  return midnightMs > atMs ? midnightMs : atMs + DAY_MS
}

/** The first instant after `atMs` at which the local clock shows a whole hour. */
function nextWholeHour(zone: ZoneClock, atMs: number): number {
  const intoHourMs = mod(atMs + zone.offsetMsAt(atMs), HOUR_MS)
  return atMs + HOUR_MS - intoHourMs
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor
}
