import type { Db } from '../storage/index.js'
import { countAttributedOrdersByBucket, type OrderFigures } from './attributed-orders.js'
import { countMessagesByBucket, type MessageFigures } from './message-figures.js'
import type { SummaryPeriod } from './period.js'
import { bucketStarts, type BucketSize } from './series-buckets.js'

/** The most points one series may have: 100 days, or about four days by the hour. */
export const MAX_SERIES_POINTS = 100

export interface SeriesRequest extends SummaryPeriod {
  readonly bucket: BucketSize
  /** IANA zone whose midnights (or whole hours) start the buckets. */
  readonly timeZone: string
}

/** One bucket of a series: the summary's figures for `startMs` (included) to `endMs`. */
export interface SeriesPoint {
  readonly startMs: number
  readonly endMs: number
  readonly messages: MessageFigures
  readonly orders: OrderFigures
}

export type SeriesResult =
  | { readonly ok: true; readonly points: readonly SeriesPoint[] }
  | { readonly ok: false; readonly reason: 'TOO_MANY_BUCKETS' }

/**
 * A period's figures bucket by bucket, each counted exactly as the summary counts the whole
 * period (messages by their creation, orders by when they were placed), so the points add up
 * to the summary of the same period and flow. Every bucket has a point, empty ones too.
 */
export async function seriesOf(db: Db, request: SeriesRequest): Promise<SeriesResult> {
  const buckets = bucketStarts({
    fromMs: request.fromMs,
    toMs: request.toMs,
    size: request.bucket,
    timeZone: request.timeZone,
    maxBuckets: MAX_SERIES_POINTS,
  })
  if (!buckets.ok) return buckets

  const { startsMs } = buckets
  const messages = await countMessagesByBucket(db, request, startsMs)
  const orders = await countAttributedOrdersByBucket(db, request, startsMs)
  const points = startsMs.map((startMs, i) => ({
    startMs,
    endMs: startsMs[i + 1] ?? request.toMs,
    messages: messages[i]!,
    orders: orders[i]!,
  }))
  return { ok: true, points }
}
