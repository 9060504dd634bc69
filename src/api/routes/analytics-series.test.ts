import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  seedFlowMessages,
  type FlowClick,
  type FlowMessage,
} from '../../../test/support/analytics-dataset.js'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'
import { DATABASE_KINDS } from '../../../test/support/test-database.js'
import { AttributionRecorder } from '../../analytics/index.js'
import { silentLogger } from '../../runtime/index.js'

/**
 * Five days of a store in New York around the end of daylight saving time (Sunday 1 November
 * 2026, 02:00 EDT → 01:00 EST, at 06:00 UTC), so Sunday lasts 25 hours:
 *
 * | message | flow | UTC | New York | status | price | extra |
 * | --- | --- | --- | --- | --- | --- | --- |
 * | d1 | abandoned chk-a | Oct 31 03:30 | Fri 23:30 EDT | delivered | 0.0158 | clicked |
 * | d2 | abandoned chk-b | Oct 31 04:30 | Sat 00:30 EDT | delivered | 0.0158 | a bot's click |
 * | d3 | abandoned chk-c | Oct 31 15:00 | Sat 11:00 EDT | suppressed OPTED_OUT | | |
 * | d4 | shipping ship-d | Nov 1 04:30 | Sun 00:30 EDT | failed, never sent | | |
 * | d5 | abandoned chk-e | Nov 1 06:30 | Sun 01:30 EST (the second) | delivered | 0.0158 | clicked |
 * | d6 | confirmation ord-f | Nov 2 04:30 | Sun 23:30 EST | undelivered | 0.0158 | |
 * | d7 | abandoned chk-g | Nov 2 05:30 | Mon 00:30 EST | delivered | 0.0316 | |
 * | d8 | abandoned chk-h | Nov 3 20:00 | Tue 15:00 EST | delivered | 0.0158 | |
 * | d9 | abandoned chk-i | Nov 5 12:00 | after the period | delivered | 0.0158 | |
 *
 * Orders, each by its checkout: chk-a Sat 01:10 EDT 40.00 USD, chk-e Sun 01:45 EST 25.50
 * USD, chk-g Mon 23:59 EST 30.00 EUR, chk-h Tue 23:30 EST 12.00 USD.
 */
const at = (iso: string) => Date.parse(iso)
const MESSAGES: readonly FlowMessage[] = [
  sent('d1', 'abandoned_checkout', 'chk-a', '2026-10-31T03:30:00Z', 'delivered'),
  sent('d2', 'abandoned_checkout', 'chk-b', '2026-10-31T04:30:00Z', 'delivered'),
  {
    ...sent('d3', 'abandoned_checkout', 'chk-c', '2026-10-31T15:00:00Z', 'suppressed'),
    reason: 'OPTED_OUT',
    sentAtMs: null,
  },
  { ...sent('d4', 'shipping_update', 'ship-d', '2026-11-01T04:30:00Z', 'failed'), sentAtMs: null },
  sent('d5', 'abandoned_checkout', 'chk-e', '2026-11-01T06:30:00Z', 'delivered'),
  sent('d6', 'order_confirmation', 'ord-f', '2026-11-02T04:30:00Z', 'undelivered'),
  {
    ...sent('d7', 'abandoned_checkout', 'chk-g', '2026-11-02T05:30:00Z', 'delivered'),
    priceMicros: 31_600,
  },
  sent('d8', 'abandoned_checkout', 'chk-h', '2026-11-03T20:00:00Z', 'delivered'),
  sent('d9', 'abandoned_checkout', 'chk-i', '2026-11-05T12:00:00Z', 'delivered'),
]
const CLICKS: readonly FlowClick[] = [
  { message: 'd1', atMs: at('2026-10-31T05:00:00Z'), isBot: false, visitor: 'a' },
  { message: 'd2', atMs: at('2026-10-31T05:00:00Z'), isBot: true, visitor: 'b' },
  { message: 'd5', atMs: at('2026-11-01T06:40:00Z'), isBot: false, visitor: 'e1' },
  { message: 'd5', atMs: at('2026-11-01T06:41:00Z'), isBot: false, visitor: 'e2' },
]
const ORDERS = [
  order('o-a', 'chk-a', '2026-10-31T05:10:00Z', '40.00', 'USD'),
  order('o-e', 'chk-e', '2026-11-01T06:45:00Z', '25.50', 'USD'),
  order('o-g', 'chk-g', '2026-11-03T04:59:00Z', '30.00', 'EUR'),
  order('o-h', 'chk-h', '2026-11-04T04:30:00Z', '12.00', 'USD'),
]
/** Friday 30 October to Tuesday 3 November, whole days in New York. */
const PERIOD = 'from=2026-10-30T00:00:00-04:00&to=2026-11-04T00:00:00-05:00'

function sent(
  key: string,
  flow: FlowMessage['flow'],
  subject: string,
  iso: string,
  status: string,
): FlowMessage {
  const phone = `+120255501${key.slice(1).padStart(2, '0')}`
  const atMs = at(iso)
  return {
    key,
    flow,
    subject,
    phone,
    status,
    sentAtMs: atMs,
    createdAtMs: atMs,
    priceMicros: 15_800,
  }
}

function order(id: string, checkoutId: string, iso: string, total: string, currency: string) {
  return {
    type: 'order.placed',
    order_id: id,
    checkout_id: checkoutId,
    items: [],
    total,
    currency,
    discount_total: '0.00',
    placed_at: iso,
  }
}

/** Micro-units per currency of a list of `{amount, currency}`. */
function micros(list: readonly { amount: string; currency: string }[]): Record<string, number> {
  const totals: Record<string, number> = {}
  for (const { amount, currency } of list) {
    totals[currency] = (totals[currency] ?? 0) + Math.round(Number(amount) * 1_000_000)
  }
  return totals
}

interface Point {
  start: string
  end: string
  sent: number
  delivered: number
  failed: number
  suppressed: number
  unique_clicks: number
  orders: number
  revenue: { amount: string; currency: string }[]
  sms_cost: { amount: string; currency: string }[]
}

/** The points added up, in the summary's terms. */
function addUp(points: readonly Point[]) {
  const money = (pick: (p: Point) => Point['revenue']) =>
    points.reduce<Record<string, number>>((totals, p) => {
      for (const [currency, amount] of Object.entries(micros(pick(p)))) {
        totals[currency] = (totals[currency] ?? 0) + amount
      }
      return totals
    }, {})
  const sum = (pick: (p: Point) => number) => points.reduce((total, p) => total + pick(p), 0)
  return {
    sent: sum((p) => p.sent),
    delivered: sum((p) => p.delivered),
    failed: sum((p) => p.failed),
    suppressed: sum((p) => p.suppressed),
    unique_clicks: sum((p) => p.unique_clicks),
    orders: sum((p) => p.orders),
    revenue: money((p) => p.revenue),
    sms_cost: money((p) => p.sms_cost),
  }
}

const ZERO = {
  sent: 0,
  delivered: 0,
  failed: 0,
  suppressed: 0,
  unique_clicks: 0,
  orders: 0,
  revenue: [],
  sms_cost: [],
}

for (const database of DATABASE_KINDS) {
  describe(`GET /v1/analytics/series (${database})`, () => {
    let h: ApiHarness
    let auth: { authorization: string }

    before(async () => {
      h = await startApiHarness({
        database,
        storeEventSink: new AttributionRecorder({ logger: silentLogger() }),
      })
      h.clock.set(at('2026-11-10T12:00:00Z'))
      const store = await h.store('Northwind', { timeZone: 'America/New_York' })
      auth = store.auth
      await seedFlowMessages(h.db, store.id, { messages: MESSAGES, clicks: CLICKS })
      for (const payload of ORDERS) {
        const res = await h.app.inject({
          method: 'POST',
          url: '/v1/events',
          headers: auth,
          payload,
        })
        assert.equal(res.statusCode, 200, res.body)
      }
    })
    after(() => h.close())

    const get = async (path: string, headers = auth) => {
      const res = await h.app.inject({ url: path, headers })
      return { status: res.statusCode, body: res.json() }
    }

    it('cuts the period at New York midnights, with a 25-hour Sunday', async () => {
      const { status, body } = await get(`/v1/analytics/series?${PERIOD}`)

      assert.equal(status, 200)
      const usd = (amount: string) => [{ amount, currency: 'USD' }]
      assert.deepEqual(body, {
        bucket: 'day',
        time_zone: 'America/New_York',
        from: '2026-10-30T04:00:00.000Z',
        to: '2026-11-04T05:00:00.000Z',
        flow: null,
        points: [
          {
            ...ZERO,
            start: '2026-10-30T04:00:00.000Z',
            end: '2026-10-31T04:00:00.000Z',
            sent: 1,
            delivered: 1,
            unique_clicks: 1,
            sms_cost: usd('0.0158'),
          },
          {
            ...ZERO,
            start: '2026-10-31T04:00:00.000Z',
            end: '2026-11-01T04:00:00.000Z',
            sent: 1,
            delivered: 1,
            suppressed: 1,
            orders: 1,
            revenue: usd('40.0000'),
            sms_cost: usd('0.0158'),
          },
          {
            ...ZERO,
            start: '2026-11-01T04:00:00.000Z',
            end: '2026-11-02T05:00:00.000Z',
            sent: 2,
            delivered: 1,
            failed: 2,
            unique_clicks: 1,
            orders: 1,
            revenue: usd('25.5000'),
            sms_cost: usd('0.0316'),
          },
          {
            ...ZERO,
            start: '2026-11-02T05:00:00.000Z',
            end: '2026-11-03T05:00:00.000Z',
            sent: 1,
            delivered: 1,
            orders: 1,
            revenue: [{ amount: '30.0000', currency: 'EUR' }],
            sms_cost: usd('0.0316'),
          },
          {
            ...ZERO,
            start: '2026-11-03T05:00:00.000Z',
            end: '2026-11-04T05:00:00.000Z',
            sent: 1,
            delivered: 1,
            orders: 1,
            revenue: usd('12.0000'),
            sms_cost: usd('0.0158'),
          },
        ],
      })
    })

    for (const flow of [null, 'abandoned_checkout', 'order_confirmation']) {
      it(`adds up to the summary of the same period (${flow ?? 'every flow'})`, async () => {
        const query = `${PERIOD}${flow === null ? '' : `&flow=${flow}`}`
        const series = await get(`/v1/analytics/series?${query}`)
        const summary = (await get(`/v1/analytics/summary?${query}`)).body

        assert.deepEqual(addUp(series.body.points), {
          sent: summary.messages.sent,
          delivered: summary.messages.delivered,
          failed: summary.messages.failed,
          suppressed: summary.messages.suppressed.total,
          unique_clicks: summary.clicks.unique,
          orders: summary.orders.attributed,
          revenue: micros(summary.revenue),
          sms_cost: micros(summary.sms_cost),
        })
      })
    }

    it('adds up to the summary by the hour too, a period starting and ending mid-hour', async () => {
      const query = 'from=2026-11-01T03:20:00Z&to=2026-11-02T05:10:00Z'
      const series = (await get(`/v1/analytics/series?${query}&bucket=hour`)).body
      const summary = (await get(`/v1/analytics/summary?${query}`)).body

      // 03:20 to 04:00, then 25 whole hours of Sunday, then 05:00 to 05:10 on Monday.
      assert.equal(series.points.length, 27)
      assert.deepEqual(
        [series.points[0].start, series.points[0].end, series.points.at(-1).end],
        ['2026-11-01T03:20:00.000Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:10:00.000Z'],
      )
      assert.equal(addUp(series.points).sent, summary.messages.sent)
      assert.deepEqual(addUp(series.points).revenue, micros(summary.revenue))
    })

    it('gives the repeated 01:00 hour of the night the clocks go back a point of its own', async () => {
      const query = 'from=2026-11-01T04:00:00Z&to=2026-11-01T08:00:00Z&bucket=hour'
      const { body } = await get(`/v1/analytics/series?${query}`)

      // 00:00 EDT, 01:00 EDT, 01:00 EST (d5 sent, clicked, its order), 02:00 EST.
      assert.deepEqual(
        body.points.map((p: Point) => [p.start, p.failed, p.delivered, p.orders]),
        [
          ['2026-11-01T04:00:00.000Z', 1, 0, 0],
          ['2026-11-01T05:00:00.000Z', 0, 0, 0],
          ['2026-11-01T06:00:00.000Z', 0, 1, 1],
          ['2026-11-01T07:00:00.000Z', 0, 0, 0],
        ],
      )
    })

    it('fills every bucket of an empty period with zeros, in UTC for a store without a zone', async () => {
      const other = await h.store('No zone yet')
      const { status, body } = await get(
        '/v1/analytics/series?from=2026-12-01&to=2026-12-03',
        other.auth,
      )

      assert.equal(status, 200)
      assert.equal(body.time_zone, 'UTC')
      assert.deepEqual(body.points, [
        { ...ZERO, start: '2026-12-01T00:00:00.000Z', end: '2026-12-02T00:00:00.000Z' },
        { ...ZERO, start: '2026-12-02T00:00:00.000Z', end: '2026-12-03T00:00:00.000Z' },
        { ...ZERO, start: '2026-12-03T00:00:00.000Z', end: '2026-12-04T00:00:00.000Z' },
      ])
    })

    it('refuses more than 100 buckets, and says how to ask instead', async () => {
      const year = await get('/v1/analytics/series?from=2026-01-01&to=2026-12-31')
      const week = await get('/v1/analytics/series?from=2026-11-01&to=2026-11-07&bucket=hour')

      assert.equal(year.status, 422)
      assert.deepEqual(
        year.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
        [['/to', 'TOO_MANY_BUCKETS']],
      )
      assert.match(week.body.errors[0].message, /more than 100 hour buckets.*bucket=day/)
    })

    it('lists every bad parameter at once, as the summary does', async () => {
      const { status, body } = await get(
        '/v1/analytics/series?from=yesterday&to=2026-13-45&bucket=week&flow=campaign',
      )

      assert.equal(status, 422)
      assert.deepEqual(body.errors.map((e: { field: string }) => e.field).sort(), [
        '/bucket',
        '/flow',
        '/from',
        '/to',
      ])
    })
  })
}
