import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ORDERS, seedFlowMessages, T0, DAY } from '../../test/support/analytics-dataset.js'
import { startApiHarness, type ApiHarness } from '../../test/support/api-harness.js'
import { DATABASE_KINDS } from '../../test/support/test-database.js'
import { combineSinks } from '../commerce/index.js'
import { silentLogger } from '../runtime/index.js'
import { AttributionRecorder } from './attribution-recorder.js'

for (const database of DATABASE_KINDS) {
  describe(`order attribution (${database})`, () => {
    let h: ApiHarness

    before(async () => {
      const recorder = new AttributionRecorder({ logger: silentLogger() })
      h = await startApiHarness({ database, storeEventSink: combineSinks(recorder) })
      h.clock.set(T0 + 40 * DAY)
    })
    after(() => h.close())

    const shop = async (name: string) => {
      const store = await h.store(name)
      const messages = await seedFlowMessages(h.db, store.id)
      const post = async (order: Record<string, unknown>) => {
        const res = await h.app.inject({
          method: 'POST',
          url: '/v1/events',
          headers: store.auth,
          payload: order,
        })
        assert.equal(res.statusCode, 200, res.body)
        return res.json() as { outcome: string }
      }
      const attribution = async (orderId: string) =>
        h.db
          .selectFrom('order_attributions')
          .select(['order_id', 'flow', 'flow_run_id', 'message_id', 'method'])
          .select(['revenue_micros', 'currency', 'discount_micros', 'placed_at'])
          .where('store_id', '=', store.id)
          .where('order_id', '=', orderId)
          .executeTakeFirst()
      return { ...store, messages, post, attribution }
    }

    it('credits an order from a reminded checkout to the latest message of its run, once, though its code and a click match too', async () => {
      const s = await shop('Checkout')

      await s.post(ORDERS.byCheckout)
      await s.post({ ...ORDERS.byCheckout, total: '99.00' })

      const row = await s.attribution('o1')
      assert.deepEqual(
        { ...row, revenue_micros: Number(row?.revenue_micros), placed_at: Number(row?.placed_at) },
        {
          order_id: 'o1',
          flow: 'abandoned_checkout',
          flow_run_id: `${s.id}-run-chk-1`,
          message_id: s.messages.get('m1b'),
          method: 'checkout',
          revenue_micros: 48_000_000,
          currency: 'USD',
          discount_micros: 4_800_000,
          placed_at: T0 + 3_600_000,
        },
      )
      const count = await h.db
        .selectFrom('order_attributions')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('store_id', '=', s.id)
        .executeTakeFirstOrThrow()
      assert.equal(Number(count.n), 1)
    })

    it('credits an order that used a flow’s discount code, whatever the letters’ case', async () => {
      const s = await shop('Discount')

      await s.post(ORDERS.byDiscountCode)

      const row = await s.attribution('o2')
      assert.equal(row?.method, 'discount_code')
      assert.equal(row?.message_id, s.messages.get('m2'))
    })

    it('credits an order placed within five days of a person’s click on a message to its number', async () => {
      const s = await shop('Click')

      await s.post(ORDERS.byClick)

      const row = await s.attribution('o3')
      assert.deepEqual(
        [row?.method, row?.flow, row?.message_id, row?.currency],
        ['click', 'shipping_update', s.messages.get('m3'), 'EUR'],
      )
    })

    it('leaves out an order placed after the window and one whose only click was a bot’s', async () => {
      const s = await shop('Missed')

      await s.post(ORDERS.afterWindow)
      await s.post(ORDERS.afterBotClick)

      assert.equal(await s.attribution('o4'), undefined)
      assert.equal(await s.attribution('o5'), undefined)
    })

    it('takes the store’s own window: seven days credit the click of six days before', async () => {
      const s = await shop('Patient')
      const patched = await h.app.inject({
        method: 'PATCH',
        url: '/v1/analytics/settings',
        headers: s.auth,
        payload: { attribution_window_days: 7 },
      })
      assert.deepEqual(patched.json(), { attribution_window_days: 7 })

      await s.post(ORDERS.afterWindow)

      const row = await s.attribution('o4')
      assert.deepEqual([row?.method, row?.message_id], ['click', s.messages.get('m4')])
    })

    it('credits no message sent after the order by checkout or click', async () => {
      const s = await shop('Late')
      const placedAt = new Date(T0 - 60_000).toISOString()

      await s.post({ ...ORDERS.byCheckout, discount_codes: [], placed_at: placedAt })

      assert.equal(await s.attribution('o1'), undefined)
    })

    it('refuses a window outside 1 to 90 days and shows the default of 5', async () => {
      const s = await shop('Window')
      const shown = await h.app.inject({ url: '/v1/analytics/settings', headers: s.auth })
      const refused = await h.app.inject({
        method: 'PATCH',
        url: '/v1/analytics/settings',
        headers: s.auth,
        payload: { attribution_window_days: 0, extra: true },
      })

      assert.deepEqual(shown.json(), { attribution_window_days: 5 })
      assert.equal(refused.statusCode, 422)
      assert.deepEqual(
        refused
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
        ['/attribution_window_days', '/extra'],
      )
    })
  })
}
