import { Type, type Static } from 'typebox'
import {
  MAX_ATTRIBUTION_WINDOW_DAYS,
  MAX_SERIES_POINTS,
  type AnalyticsSummary,
  type MoneyTotal,
  type SeriesPoint,
} from '../../analytics/index.js'
import { formatMicros } from '../../messaging/index.js'

/** Request and response shapes of the analytics routes; they also generate the OpenAPI document. */

export const SummaryQuery = Type.Object(
  {
    from: Type.String({
      description:
        'Start of the period, included: an ISO 8601 date (midnight UTC) or date-time with offset',
    }),
    to: Type.String({
      description:
        'End of the period, excluded: an ISO 8601 date-time with offset, or a date, which ' +
        'includes that whole day (UTC)',
    }),
    flow: Type.Optional(
      Type.Union(
        [
          Type.Literal('abandoned_checkout'),
          Type.Literal('order_confirmation'),
          Type.Literal('shipping_update'),
        ],
        { description: 'One flow’s figures; every flow when left out' },
      ),
    ),
  },
  { additionalProperties: false },
)
export type SummaryQuery = Static<typeof SummaryQuery>

export const SeriesQuery = Type.Object(
  {
    ...SummaryQuery.properties,
    bucket: Type.Optional(
      Type.Union([Type.Literal('day'), Type.Literal('hour')], {
        description:
          'What one point covers, in the store’s time zone (`time_zone`, UTC when unset); ' +
          `default day. At most ${MAX_SERIES_POINTS} points.`,
      }),
    ),
  },
  { additionalProperties: false },
)
export type SeriesQuery = Static<typeof SeriesQuery>

const Money = Type.Object({
  amount: Type.String({ description: 'Decimal, like a message’s `price.amount`' }),
  currency: Type.String(),
})
const MoneyList = Type.Array(Money, { description: 'One entry per currency, by code' })
const Count = Type.Integer({ minimum: 0 })

export const SummarySchema = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  flow: Type.Union([Type.String(), Type.Null()]),
  messages: Type.Object(
    {
      sent: Type.Integer({ description: 'Accepted by a carrier, whatever happened next' }),
      delivered: Type.Integer({ description: 'Delivered, in whole or in part' }),
      failed: Type.Integer({ description: 'Undelivered, failed, expired or rejected' }),
      suppressed: Type.Object({
        total: Count,
        by_reason: Type.Record(Type.String(), Count, {
          description: 'NO_CONSENT, OPTED_OUT, FREQUENCY_CAP, NO_SEND_WINDOW, …',
        }),
      }),
    },
    { description: 'The flows’ messages created in the period' },
  ),
  clicks: Type.Object({
    unique: Type.Integer({
      description:
        'Messages of the period whose links a person clicked at least once (link previews ' +
        'and crawlers left out), whenever the click came: each message counts once',
    }),
    click_through_rate: Type.Union([Type.Number(), Type.Null()], {
      description: 'unique / delivered, to 4 places; null when none was delivered',
    }),
  }),
  orders: Type.Object({
    attributed: Type.Integer({ description: 'Orders placed in the period credited to a flow' }),
    by_method: Type.Object({ checkout: Count, discount_code: Count, click: Count }),
  }),
  revenue: Type.Array(Money, { description: 'Recovered revenue: the attributed orders’ totals' }),
  sms_cost: Type.Array(Money, { description: 'The price of the period’s messages sent' }),
  discount_cost: Type.Union([MoneyList, Type.Null()], {
    description: 'What the attributed orders’ discounts took off; null when not known',
  }),
  discount_cost_note: Type.Union([Type.String(), Type.Null()], {
    description: 'Why `discount_cost` is null',
  }),
  return_on_ad_spend: Type.Union([Type.Number(), Type.Null()], {
    description:
      'revenue / sms_cost, to 4 places; null when nothing was spent or when revenue and cost ' +
      'are not in one and the same currency',
  }),
})

export const SeriesSchema = Type.Object({
  bucket: Type.Union([Type.Literal('day'), Type.Literal('hour')]),
  time_zone: Type.String({ description: 'The zone whose days or hours the buckets are' }),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  flow: Type.Union([Type.String(), Type.Null()]),
  points: Type.Array(
    Type.Object({
      start: Type.String({ format: 'date-time' }),
      end: Type.String({ format: 'date-time', description: 'Excluded' }),
      sent: Count,
      delivered: Count,
      failed: Count,
      suppressed: Count,
      unique_clicks: Count,
      orders: Type.Integer({ minimum: 0, description: 'Attributed orders placed in the bucket' }),
      revenue: MoneyList,
      sms_cost: MoneyList,
    }),
    {
      description:
        'One per bucket, empty ones too, oldest first. The first starts at `from` and the ' +
        'last ends at `to`; each figure counts as in the summary, so the points add up to ' +
        'the summary of the same period and flow.',
    },
  ),
})

export const AttributionSettingsSchema = Type.Object({
  attribution_window_days: Type.Integer({
    description: 'Days after a click in which an order is still credited to it; default 5',
  }),
})

export const AttributionSettingsPatchBody = Type.Object(
  {
    attribution_window_days: Type.Integer({ minimum: 1, maximum: MAX_ATTRIBUTION_WINDOW_DAYS }),
  },
  { additionalProperties: false },
)
export type AttributionSettingsPatchBody = Static<typeof AttributionSettingsPatchBody>

export const DISCOUNT_COST_UNKNOWN =
  'the store did not say what the discounts of some attributed orders took off'

export function toSummaryResource(
  summary: AnalyticsSummary,
  period: { fromMs: number; toMs: number; flow: string | null },
) {
  const { messages, orders } = summary
  return {
    from: new Date(period.fromMs).toISOString(),
    to: new Date(period.toMs).toISOString(),
    flow: period.flow,
    messages: {
      sent: messages.sent,
      delivered: messages.delivered,
      failed: messages.failed,
      suppressed: { total: messages.suppressed.total, by_reason: messages.suppressed.byReason },
    },
    clicks: { unique: messages.uniqueClicks, click_through_rate: summary.clickThroughRate },
    orders: { attributed: orders.orders, by_method: orders.byMethod },
    revenue: orders.revenue.map(toMoney),
    sms_cost: messages.smsCost.map(toMoney),
    discount_cost: orders.discountCost?.map(toMoney) ?? null,
    discount_cost_note: orders.discountCost === null ? DISCOUNT_COST_UNKNOWN : null,
    return_on_ad_spend: summary.returnOnAdSpend,
  }
}

export function toSeriesResource(
  points: readonly SeriesPoint[],
  request: { fromMs: number; toMs: number; flow: string | null; bucket: string; timeZone: string },
) {
  return {
    bucket: request.bucket,
    time_zone: request.timeZone,
    from: new Date(request.fromMs).toISOString(),
    to: new Date(request.toMs).toISOString(),
    flow: request.flow,
    points: points.map(({ startMs, endMs, messages, orders }) => ({
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
      sent: messages.sent,
      delivered: messages.delivered,
      failed: messages.failed,
      suppressed: messages.suppressed.total,
      unique_clicks: messages.uniqueClicks,
      orders: orders.orders,
      revenue: orders.revenue.map(toMoney),
      sms_cost: messages.smsCost.map(toMoney),
    })),
  }
}

function toMoney(total: MoneyTotal) {
  return { amount: formatMicros(total.amountMicros), currency: total.currency }
}
