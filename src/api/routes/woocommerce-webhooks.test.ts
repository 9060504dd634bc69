import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'
import { RecordingSink } from '../../../test/support/recording-sink.js'
import {
  readFixture,
  sendWooPing,
  sendWooWebhook,
  type WooDelivery,
} from '../../../test/support/store-webhooks.js'
import { DATABASE_KINDS } from '../../../test/support/test-database.js'

for (const database of DATABASE_KINDS) {
  describe(`WooCommerce webhooks (${database})`, () => {
    let h: ApiHarness
    const sink = new RecordingSink()

    before(async () => {
      h = await startApiHarness({ database, storeEventSink: sink })
    })
    after(() => h.close())

    /** A WooCommerce store with the secret Nudge made for it. */
    async function shop(platformSecret?: string) {
      sink.clear()
      const { id } = await h.store(`Atelier ${database}`, {
        platform: 'woocommerce',
        platformSecret,
      })
      const store = await h.registry.get(id)
      const secret = store.platformSecret!
      const send = (topic: string, fixture: string, more: Partial<WooDelivery> = {}) =>
        sendWooWebhook(h.app, {
          storeId: id,
          secret,
          topic,
          body: readFixture('woocommerce', fixture),
          ...more,
        })
      const deliveries = async () =>
        h.db
          .selectFrom('store_event_deliveries')
          .select(['topic', 'outcome', 'events'])
          .where('store_id', '=', id)
          .orderBy('id')
          .execute()
      return { id, secret, send, deliveries }
    }

    it('makes a secret for a store created without one', async () => {
      const store = await shop()

      assert.match(store.secret, /^wcsec_[A-Za-z0-9_-]{32}$/)
    })

    it('answers the ping sent when a webhook is saved, and records nothing', async () => {
      const store = await shop()

      const ping = await sendWooPing(h.app, { storeId: store.id, webhookId: 31 })
      const bare = await h.app.inject({
        method: 'POST',
        url: `/v1/stores/${store.id}/woocommerce/webhooks`,
        payload: readFixture('woocommerce', 'ping.txt'),
      })

      assert.equal(ping.statusCode, 200)
      assert.deepEqual(ping.json(), { id: null, outcome: 'ping', events: [] })
      assert.equal(bare.statusCode, 200)
      assert.deepEqual(await store.deliveries(), [])
    })

    it('records a paid order once however often WooCommerce sends it', async () => {
      const store = await shop()

      const created = await store.send('order.created', 'order-created.json')
      const updated = await store.send('order.updated', 'order-created.json')

      assert.equal(created.statusCode, 200)
      assert.deepEqual(created.json().events, [{ type: 'order.placed', id: '5127' }])
      assert.equal(updated.json().outcome, 'unchanged')
      const order = await h.db
        .selectFrom('orders')
        .selectAll()
        .where('store_id', '=', store.id)
        .executeTakeFirstOrThrow()
      assert.equal(order.phone, '+33612345678')
      assert.equal(Number(order.total_micros), 43_800_000)
      assert.equal(order.currency, 'EUR')
      assert.equal(Number(order.placed_at), Date.parse('2026-11-30T17:22:09Z'))
      assert.deepEqual(
        sink.events.map((e) => e.type),
        ['order.placed'],
      )
    })

    it('ignores an order waiting for payment, then places it once paid and ships it once tracked', async () => {
      const store = await shop()

      await store.send('order.created', 'order-created-pending.json')
      h.clock.advance(1000)
      const tracked = readFixture('woocommerce', 'order-updated-tracking.json')
        .toString()
        .replaceAll('"id": 5127', '"id": 5128')
        .replaceAll('"number": "5127"', '"number": "5128"')
      await store.send('order.updated', 'order-updated-tracking.json', { body: tracked })
      h.clock.advance(1000)
      // A later change on the order (a note, say) sends it again with the same tracking.
      const noted = tracked.replace('2026-12-01T09:05:42', '2026-12-01T09:30:00')
      await store.send('order.updated', 'order-updated-tracking.json', { body: noted })

      assert.deepEqual(await store.deliveries(), [
        { topic: 'order.created', outcome: 'ignored', events: '[]' },
        {
          topic: 'order.updated',
          outcome: 'accepted',
          events: '["order.placed","shipment.updated"]',
        },
        { topic: 'order.updated', outcome: 'unchanged', events: '[]' },
      ])
      const shipment = await h.db
        .selectFrom('shipments')
        .selectAll()
        .where('store_id', '=', store.id)
        .executeTakeFirstOrThrow()
      assert.equal(shipment.shipment_id, '5128')
      assert.equal(shipment.tracking_number, '6A12345678901')
      assert.equal(shipment.tracking_company, 'Colissimo')
      assert.equal(shipment.phone, '+33612345678')
    })

    it('tells apart two orders sent by one webhook in the same second', async () => {
      // WooCommerce derives the delivery id from the webhook id and the current second.
      const store = await shop()
      const other = readFixture('woocommerce', 'order-created.json')
        .toString()
        .replaceAll('"id": 5127', '"id": 5200')

      const first = await store.send('order.created', 'order-created.json', { deliveryId: 'd1' })
      const second = await store.send('order.created', 'order-created.json', {
        deliveryId: 'd1',
        body: other,
      })
      const repeat = await store.send('order.created', 'order-created.json', { deliveryId: 'd1' })

      assert.deepEqual(
        [first, second, repeat].map((r) => r.json().outcome),
        ['accepted', 'accepted', 'duplicate'],
      )
    })

    it('refuses a changed body or a missing signature with 401 and records nothing', async () => {
      const store = await shop()
      const changed = readFixture('woocommerce', 'order-created.json')
        .toString()
        .replace('43.80', '43.81')

      const tampered = await store.send('order.created', 'order-created.json', {
        body: changed,
        signature: (await import('../../../test/support/store-webhooks.js')).platformSignature(
          readFixture('woocommerce', 'order-created.json'),
          store.secret,
        ),
      })
      const unsigned = await store.send('order.created', 'order-created.json', { signature: null })

      assert.equal(tampered.statusCode, 401)
      assert.equal(unsigned.statusCode, 401)
      assert.match(unsigned.json().detail ?? '', /x-wc-webhook-signature header is missing/)
      assert.deepEqual(await store.deliveries(), [])
    })

    it('verifies with the secret as WooCommerce uses it, HTML entities decoded', async () => {
      const store = await shop('fl&amp;mingo')

      const res = await store.send('order.created', 'order-created.json', { secret: 'fl&mingo' })

      assert.equal(res.statusCode, 200)
    })

    it('answers a malformed order 422 with the reason', async () => {
      const store = await shop()

      const res = await store.send('order.updated', 'order-created.json', { body: '{"id": 5127}' })

      assert.equal(res.statusCode, 422)
      assert.deepEqual(
        res
          .json()
          .errors?.map((e) => e.field)
          .sort(),
        ['/currency', '/date_created_gmt', '/line_items', '/status', '/total'],
      )
      assert.deepEqual(await store.deliveries(), [])
    })
  })
}
