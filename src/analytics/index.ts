/**
 * Analytics: which orders the flows' messages earned, and a period's figures for a store's
 * flows — messages sent, delivered, failed and suppressed, clicks, attributed orders,
 * recovered revenue, SMS and discount cost, return on ad spend — and the same figures as a
 * series of days or hours in the store's time zone.
 */
export { AttributionRecorder } from './attribution-recorder.js'
export {
  ATTRIBUTION_METHODS,
  type AttributionMatch,
  type AttributionMethod,
} from './attribution.js'
export {
  DEFAULT_ATTRIBUTION_WINDOW_DAYS,
  MAX_ATTRIBUTION_WINDOW_DAYS,
  loadAttributionWindowDays,
  saveAttributionWindowDays,
} from './attribution-window.js'
export { summarize, type AnalyticsSummary } from './analytics-summary.js'
export {
  MAX_SERIES_POINTS,
  seriesOf,
  type SeriesPoint,
  type SeriesRequest,
  type SeriesResult,
} from './analytics-series.js'
export type { BucketSize } from './series-buckets.js'
export type { MessageFigures } from './message-figures.js'
export type { OrderFigures } from './attributed-orders.js'
export type { MoneyTotal, SummaryPeriod } from './period.js'
