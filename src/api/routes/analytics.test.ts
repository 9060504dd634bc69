import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ORDERS, seedFlowMessages, T0, DAY } from '../../../test/support/analytics-dataset.js'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'
import { DATABASE_KINDS } from '../../../test/support/test-database.js'
import { AttributionRecorder } from '../../analytics/index.js'
import { silentLogger } from '../../runtime/index.js'

// Every figure below is counted by hand from the table in test/support/analytics-dataset.ts.
for (const database of DATABASE_KINDS) {
  describe(`GET /v1/analytics/summary (${database})`, () => {
    let h: ApiHarness
    let auth: { authorization: string }

    before(async () => {
      h = await startApiHarness({
        database,
        storeEventSink: new AttributionRecorder({ logger: silentLogger() }),
      })
      h.clock.set(T0 + 40 * DAY)
      const store = await h.store('Northwind')
      auth = store.auth
      await seedFlowMessages(h.db, store.id)
      for (const order of Object.values(ORDERS)) {
        const res = await h.app.inject({
          method: 'POST',
          url: '/v1/events',
          headers: auth,
          payload: order,
        })
        assert.equal(res.statusCode, 200, res.body)
      }
    })
    after(() => h.close())

    const summary = async (query: string) => {
      const res = await h.app.inject({ url: `/v1/analytics/summary?${query}`, headers: auth })
      return { status: res.statusCode, body: res.json() }
    }

    it('adds up a month of every flow: messages, clicks, orders by rule, revenue per currency, cost', async () => {
      const { status, body } = await summary('from=2026-11-01&to=2026-11-30')

      assert.equal(status, 200)
      assert.deepEqual(body, {
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
        flow: null,
        messages: {
          sent: 7,
          delivered: 6,
          failed: 2,
          suppressed: { total: 2, by_reason: { OPTED_OUT: 1, FREQUENCY_CAP: 1 } },
        },
        clicks: { unique: 3, click_through_rate: 0.5 },
        orders: { attributed: 3, by_method: { checkout: 1, discount_code: 1, click: 1 } },
        revenue: [
          { amount: '20.0000', currency: 'EUR' },
          { amount: '78.0000', currency: 'USD' },
        ],
        sms_cost: [{ amount: '0.1264', currency: 'USD' }],
        discount_cost: [
          { amount: '0.0000', currency: 'EUR' },
          { amount: '7.8000', currency: 'USD' },
        ],
        discount_cost_note: null,
        return_on_ad_spend: null,
      })
    })

    it('narrows the figures to one flow', async () => {
      const { body } = await summary('from=2026-11-01&to=2026-11-30&flow=abandoned_checkout')

      assert.deepEqual(body.messages, {
        sent: 5,
        delivered: 5,
        failed: 1,
        suppressed: { total: 2, by_reason: { OPTED_OUT: 1, FREQUENCY_CAP: 1 } },
      })
      assert.deepEqual(body.clicks, { unique: 2, click_through_rate: 0.4 })
      assert.deepEqual(body.orders, {
        attributed: 2,
        by_method: { checkout: 1, discount_code: 1, click: 0 },
      })
      assert.deepEqual(body.revenue, [{ amount: '78.0000', currency: 'USD' }])
      // 15,800 × 4 + 31,600 micros sent; 78,000,000 / 94,800 = 822.7848…
      assert.deepEqual(body.sms_cost, [{ amount: '0.0948', currency: 'USD' }])
      assert.equal(body.return_on_ad_spend, 822.7848)
    })

    it('counts only the period asked for, to the millisecond', async () => {
      const december = await summary('from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00%2B00:00')
      const before = await summary('from=2026-11-01&to=2026-11-20T12:00:00Z')

      assert.deepEqual(december.body.messages.sent, 1)
      assert.deepEqual(december.body.orders.by_method, { checkout: 1, discount_code: 0, click: 0 })
      assert.deepEqual(december.body.revenue, [{ amount: '55.5000', currency: 'USD' }])
      assert.equal(december.body.return_on_ad_spend, 3512.6582)
      assert.deepEqual(before.body.messages, {
        sent: 0,
        delivered: 0,
        failed: 0,
        suppressed: { total: 0, by_reason: {} },
      })
      assert.deepEqual(before.body.clicks, { unique: 0, click_through_rate: null })
      assert.deepEqual([before.body.revenue, before.body.sms_cost], [[], []])
      assert.deepEqual([before.body.discount_cost, before.body.return_on_ad_spend], [[], null])
    })

    it('lists every bad parameter at once', async () => {
      const bad = await summary('from=yesterday&to=2026-13-45&flow=campaign&limit=5')
      const missing = await summary('flow=shipping_update')
      const backwards = await summary('from=2026-11-30&to=2026-11-01T00:00:00Z')
      // Days that do not exist, which Date.parse would roll over into March.
      const nonexistent = await summary('from=2026-02-30&to=2026-02-29T12:00:00-05:00')

      assert.equal(bad.status, 422)
      assert.deepEqual(
        bad.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
        [
          ['/limit', 'UNKNOWN_FIELD'],
          ['/flow', 'INVALID'],
          ['/from', 'INVALID'],
          ['/to', 'INVALID'],
        ],
      )
      assert.deepEqual(
        missing.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
        [
          ['/from', 'REQUIRED'],
          ['/to', 'REQUIRED'],
        ],
      )
      assert.deepEqual(
        nonexistent.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
        [
          ['/from', 'INVALID'],
          ['/to', 'INVALID'],
        ],
      )
      assert.deepEqual(backwards.body.errors, [
        { field: '/to', code: 'INVALID', message: 'must be after from' },
      ])
    })

    it('needs an API key', async () => {
      const res = await h.app.inject({ url: '/v1/analytics/summary?from=2026-11-01&to=2026-11-30' })
      assert.equal(res.statusCode, 401)
    })
  })
}
