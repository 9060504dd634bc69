import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'
import { RecordingSink } from '../../../test/support/recording-sink.js'
import {
  readFixture,
  sendShopifyWebhook,
  type ShopifyDelivery,
} from '../../../test/support/store-webhooks.js'
import { DATABASE_KINDS } from '../../../test/support/test-database.js'

const SECRET = 'shpss_northwind-signing-secret'

for (const database of DATABASE_KINDS) {
  describe(`Shopify webhooks (${database})`, () => {
    let h: ApiHarness
    const sink = new RecordingSink()

    before(async () => {
      h = await startApiHarness({ database, storeEventSink: sink })
    })
    after(() => h.close())

    /** A Shopify store of its own, with the clock after the fixtures' times. */
    async function shop(settings: { platformSecret?: string | null; defaultSender?: string } = {}) {
      h.clock.set(Date.parse('2026-11-28T02:00:00Z'))
      sink.clear()
      const store = await h.store(`Northwind ${database}`, {
        platform: 'shopify',
        platformSecret: SECRET,
        ...settings,
      })
      const send = (topic: string, fixture: string, more: Partial<ShopifyDelivery> = {}) =>
        sendShopifyWebhook(h.app, {
          storeId: store.id,
          secret: SECRET,
          topic,
          body: readFixture('shopify', fixture),
          ...more,
        })
      const count = async (table: 'store_event_deliveries' | 'checkouts' | 'orders') =>
        Number(
          (
            await h.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .where('store_id', '=', store.id)
              .executeTakeFirstOrThrow()
          ).n,
        )
      return { ...store, send, count }
    }

    it('records a signed checkout, its consent, and hands it to the sink', async () => {
      const store = await shop()

      const res = await store.send('checkouts/create', 'checkouts-create.json')

      assert.equal(res.statusCode, 200)
      assert.equal(res.json().outcome, 'accepted')
      assert.deepEqual(res.json().events, [
        { type: 'checkout.updated', id: 'b7c1e0a4d2f94c6e8a1b3c5d7e9f0a12' },
      ])
      const checkout = await h.db
        .selectFrom('checkouts')
        .selectAll()
        .where('store_id', '=', store.id)
        .executeTakeFirstOrThrow()
      assert.equal(checkout.phone, '+12025550143')
      assert.equal(Number(checkout.total_micros), 69_120_000)
      assert.equal(checkout.first_name, 'Mara')
      assert.deepEqual(
        (JSON.parse(checkout.items) as { title: string; price_micros: number }[]).map((i) => [
          i.title,
          i.price_micros,
        ]),
        [
          ['Alpine Wool Beanie', 24_000_000],
          ['Trail Socks — 3 pack', 16_000_000],
        ],
      )
      const consent = await h.db
        .selectFrom('consent_events')
        .selectAll()
        .where('store_id', '=', store.id)
        .execute()
      assert.equal(consent.length, 1)
      assert.equal(consent[0]!.action, 'opt_in')
      assert.equal(consent[0]!.source, 'checkout')
      assert.equal(Number(consent[0]!.collected_at), Date.parse('2026-11-27T20:15:58-05:00'))
      assert.deepEqual(
        sink.events.map((e) => e.type),
        ['checkout.updated'],
      )
    })

    it('refuses a body changed by one byte, or a missing signature, with 401 and records nothing', async () => {
      const store = await shop()
      const body = readFixture('shopify', 'checkouts-create.json')
      const tampered = Buffer.from(body)
      tampered[tampered.indexOf('69.12')] = '7'.charCodeAt(0)
      const signedOriginal = (
        await import('../../../test/support/store-webhooks.js')
      ).platformSignature(body, SECRET)

      const changed = await store.send('checkouts/create', 'checkouts-create.json', {
        body: tampered,
        signature: signedOriginal,
      })
      const missing = await store.send('checkouts/create', 'checkouts-create.json', {
        signature: null,
      })
      const otherSecret = await store.send('checkouts/create', 'checkouts-create.json', {
        secret: 'someone-else',
      })

      for (const res of [changed, missing, otherSecret]) {
        assert.equal(res.statusCode, 401)
        assert.equal(res.json().code, 'WEBHOOK_SIGNATURE_INVALID')
      }
      assert.match(missing.json().detail ?? '', /x-shopify-hmac-sha256 header is missing/)
      assert.equal(await store.count('store_event_deliveries'), 0)
      assert.equal(await store.count('checkouts'), 0)
      assert.equal(sink.events.length, 0)
    })

    it('refuses a body over 1 MiB with 413 before reading it', async () => {
      const store = await shop()

      const res = await store.send('orders/create', 'orders-create.json', {
        body: ' '.repeat(1024 * 1024 + 1),
      })

      assert.equal(res.statusCode, 413)
      assert.equal(await store.count('store_event_deliveries'), 0)
    })

    it('refuses every delivery while the store has no platform secret', async () => {
      const store = await shop({ platformSecret: null })

      const res = await store.send('orders/create', 'orders-create.json')

      assert.equal(res.statusCode, 401)
      assert.match(res.json().detail ?? '', /no platform secret/)
      assert.equal(await store.count('orders'), 0)
    })

    it('answers a repeated delivery as a duplicate and records nothing new', async () => {
      const store = await shop()

      const first = await store.send('orders/create', 'orders-create.json', { webhookId: 'wh-1' })
      const again = await store.send('orders/create', 'orders-create.json', { webhookId: 'wh-1' })

      assert.equal(first.json().outcome, 'accepted')
      assert.equal(again.statusCode, 200)
      assert.deepEqual(again.json(), { id: first.json().id, outcome: 'duplicate', events: [] })
      assert.equal(await store.count('store_event_deliveries'), 1)
      assert.equal(sink.events.length, 1)
    })

    it('records an order once from orders/create and orders/paid, and completes its checkout', async () => {
      const store = await shop()
      await store.send('checkouts/create', 'checkouts-create.json')

      const created = await store.send('orders/create', 'orders-create.json')
      const paid = await store.send('orders/paid', 'orders-paid.json')

      assert.equal(created.json().outcome, 'accepted')
      assert.equal(paid.json().outcome, 'unchanged')
      assert.equal(await store.count('orders'), 1)
      assert.deepEqual(
        sink.events.map((e) => e.type),
        ['checkout.updated', 'order.placed'],
      )
      const order = await h.db
        .selectFrom('orders')
        .selectAll()
        .where('store_id', '=', store.id)
        .executeTakeFirstOrThrow()
      assert.equal(order.order_id, '820982911946154508')
      assert.equal(order.checkout_id, 'b7c1e0a4d2f94c6e8a1b3c5d7e9f0a12')
      assert.equal(Number(order.total_micros), 62_210_000)
      assert.deepEqual(JSON.parse(order.discount_codes), ['NW-BACK-7KQ2ZD'])
      const checkout = await h.db
        .selectFrom('checkouts')
        .select('completed_at')
        .where('store_id', '=', store.id)
        .executeTakeFirstOrThrow()
      assert.equal(Number(checkout.completed_at), Date.parse('2026-11-28T09:41:17-05:00'))

      // A later update of the checkout that does not say it completed still reads as completed.
      sink.clear()
      await store.send('checkouts/update', 'checkouts-update.json')
      const update = sink.events[0]
      assert.equal(
        update?.type === 'checkout.updated' && update.completedAtMs,
        Date.parse('2026-11-28T09:41:17-05:00'),
      )
    })

    it('acts on a checkout update once, and never on an older state after a newer one', async () => {
      const store = await shop()

      const update = await store.send('checkouts/update', 'checkouts-update.json')
      const olderCreate = await store.send('checkouts/create', 'checkouts-create.json')

      assert.equal(update.json().outcome, 'accepted')
      assert.equal(olderCreate.json().outcome, 'unchanged')
      const checkout = await h.db
        .selectFrom('checkouts')
        .select(['total_micros', 'changed_at'])
        .where('store_id', '=', store.id)
        .executeTakeFirstOrThrow()
      assert.equal(Number(checkout.total_micros), 95_040_000)
      assert.equal(Number(checkout.changed_at), Date.parse('2026-11-27T20:21:09-05:00'))
    })

    it('records checkout consent once, and a resend after a STOP does not opt back in', async () => {
      // The STOP is texted to this store's own sender, which no other store here uses.
      const store = await shop({ defaultSender: '+12025550100' })
      await store.send('checkouts/create', 'checkouts-create.json')
      await store.send('checkouts/update', 'checkouts-update.json')

      h.clock.advance(5 * 60_000)
      await h.receive('12025550143', '12025550100', 'STOP')
      // Shopify sends the checkout again, newer but with the consent given before the STOP.
      const resend = readFixture('shopify', 'checkouts-update.json')
        .toString()
        .replace('2026-11-27T20:21:09-05:00', '2026-11-27T21:30:00-05:00')
      const res = await store.send('checkouts/update', 'checkouts-update.json', { body: resend })

      assert.equal(res.json().outcome, 'accepted')
      const records = await h.db
        .selectFrom('consent_events')
        .select(['action', 'source'])
        .where('store_id', '=', store.id)
        .orderBy('seq')
        .execute()
      assert.deepEqual(records, [
        { action: 'opt_in', source: 'checkout' },
        { action: 'opt_out', source: 'keyword' },
      ])
    })

    it('records no consent for a checkout without it', async () => {
      const store = await shop()

      const res = await store.send('checkouts/create', 'checkouts-create-without-consent.json')

      assert.equal(res.json().outcome, 'accepted')
      const records = await h.db
        .selectFrom('consent_events')
        .select('id')
        .where('store_id', '=', store.id)
        .execute()
      assert.equal(records.length, 0)
    })

    it('fills a fulfillment’s customer from its order, and acts on each status change once', async () => {
      const store = await shop()
      await store.send('orders/create', 'orders-create.json')
      sink.clear()

      const created = await store.send('fulfillments/create', 'fulfillments-create.json')
      const createdAgain = await store.send('fulfillments/create', 'fulfillments-create.json')
      const delivered = await store.send('fulfillments/update', 'fulfillments-update.json')

      assert.deepEqual(
        [created, createdAgain, delivered].map((r) => r.json().outcome),
        ['accepted', 'unchanged', 'accepted'],
      )
      const [shipped, done] = sink.events
      assert.equal(shipped?.type, 'shipment.updated')
      if (shipped?.type !== 'shipment.updated' || done?.type !== 'shipment.updated') return
      assert.equal(shipped.phone, '+12025550143')
      assert.equal(shipped.orderName, '#1042')
      assert.equal(shipped.customer?.firstName, 'Mara')
      assert.equal(shipped.status, 'in_transit')
      assert.equal(done.status, 'delivered')
    })

    it('acknowledges a topic it does not use and records the delivery as ignored', async () => {
      const store = await shop()

      const res = await store.send('products/update', 'orders-create.json')

      assert.equal(res.statusCode, 200)
      assert.equal(res.json().outcome, 'ignored')
      const delivery = await h.db
        .selectFrom('store_event_deliveries')
        .select(['topic', 'outcome', 'events'])
        .where('store_id', '=', store.id)
        .executeTakeFirstOrThrow()
      assert.deepEqual(delivery, { topic: 'products/update', outcome: 'ignored', events: '[]' })
      assert.equal(sink.events.length, 0)
    })

    it('answers a malformed payload 422 with the reason and records nothing', async () => {
      const store = await shop()
      const body = JSON.stringify({
        ...JSON.parse(readFixture('shopify', 'checkouts-create.json').toString()),
        token: undefined,
      })

      const res = await store.send('checkouts/create', 'checkouts-create.json', { body })

      assert.equal(res.statusCode, 422)
      assert.equal(res.json().code, 'WEBHOOK_PAYLOAD_INVALID')
      assert.deepEqual(res.json().errors, [
        { field: '/token', code: 'REQUIRED', message: 'is required' },
      ])
      assert.equal(await store.count('store_event_deliveries'), 0)
      assert.equal(await store.count('checkouts'), 0)
    })

    it('records nothing when the sink fails, so the platform’s retry is taken afresh', async () => {
      const store = await shop()
      sink.failure = new Error('flows broke')
      const failed = await store.send('orders/create', 'orders-create.json', { webhookId: 'wh-9' })
      sink.failure = undefined

      const retried = await store.send('orders/create', 'orders-create.json', { webhookId: 'wh-9' })

      assert.equal(failed.statusCode, 500)
      assert.equal(retried.json().outcome, 'accepted')
      assert.equal(await store.count('orders'), 1)
    })

    it('hands the sink the transaction that holds the recorded event', async () => {
      const store = await shop()
      let seen: unknown
      sink.inspect = async (trx, event) => {
        if (event.type !== 'order.placed') return
        seen = (
          await trx
            .selectFrom('orders')
            .select('order_name')
            .where('store_id', '=', store.id)
            .where('order_id', '=', event.orderId)
            .executeTakeFirst()
        )?.order_name
      }
      await store.send('orders/create', 'orders-create.json')
      sink.inspect = undefined

      assert.equal(seen, '#1042')
    })

    it('answers 404 for an unknown store or one on another platform, without an API key', async () => {
      const woo = await h.store('Elsewhere', { platform: 'woocommerce' })
      const body = readFixture('shopify', 'orders-create.json')

      const unknown = await sendShopifyWebhook(h.app, {
        storeId: 'st_nope',
        secret: SECRET,
        topic: 'orders/create',
        body,
      })
      const wrongPlatform = await sendShopifyWebhook(h.app, {
        storeId: woo.id,
        secret: SECRET,
        topic: 'orders/create',
        body,
      })

      assert.equal(unknown.statusCode, 404)
      assert.equal(wrongPlatform.statusCode, 404)
      assert.match(wrongPlatform.json().detail ?? '', /Shopify store/)
    })
  })
}
