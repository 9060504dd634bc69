import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'
import { RecordingSink } from '../../../test/support/recording-sink.js'
import { DATABASE_KINDS } from '../../../test/support/test-database.js'

const checkout = {
  type: 'checkout.updated',
  checkout_id: 'cart-7731',
  phone: '(202) 555-0143',
  consent: {
    marketing: true,
    wording: 'Text me offers. Msg & data rates may apply. Reply STOP to opt out.',
    page_url: 'https://atelier.example/checkout',
    ip: '203.0.113.7',
    user_agent: 'Mozilla/5.0',
    collected_at: '2026-11-27T15:10:00Z',
  },
  customer: { first_name: 'Mara', last_name: 'Quill', email: 'mara.quill@example.com' },
  items: [{ title: 'Alpine Wool Beanie', variant_title: 'Charcoal', quantity: 2, price: '24.00' }],
  total: '48.00',
  currency: 'usd',
  recovery_url: 'https://atelier.example/cart/recover/cart-7731',
  shipping_address: { country_code: 'US', province_code: 'dc', zip: '20001' },
  updated_at: '2026-11-27T15:12:00Z',
}

for (const database of DATABASE_KINDS) {
  describe(`POST /v1/events (${database})`, () => {
    let h: ApiHarness
    const sink = new RecordingSink()

    before(async () => {
      h = await startApiHarness({ database, storeEventSink: sink })
    })
    after(() => h.close())

    async function shop() {
      sink.clear()
      return h.store(`Atelier ${database}`, { defaultCountry: 'US' })
    }
    const post = (
      auth: { authorization: string },
      payload: object,
      headers: Record<string, string> = {},
    ) =>
      h.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { ...auth, ...headers },
        payload,
      })

    it('records a checkout and its consent with the evidence given', async () => {
      const store = await shop()

      const res = await post(store.auth, checkout)

      assert.equal(res.statusCode, 200)
      assert.equal(res.json().outcome, 'accepted')
      const event = sink.events[0]
      assert.equal(event?.type, 'checkout.updated')
      if (event?.type !== 'checkout.updated') return
      assert.equal(event.platform, 'custom')
      assert.equal(event.phone, '+12025550143')
      assert.equal(event.totalMicros, 48_000_000)
      assert.equal(event.currency, 'USD')
      assert.deepEqual(event.shippingAddress, {
        countryCode: 'US',
        provinceCode: 'DC',
        zip: '20001',
      })
      assert.deepEqual(event.items, [
        {
          title: 'Alpine Wool Beanie',
          variantTitle: 'Charcoal',
          quantity: 2,
          priceMicros: 24_000_000,
          productUrl: null,
          imageUrl: null,
        },
      ])
      const contact = (
        await h.app.inject({ url: '/v1/contacts/%2B12025550143', headers: store.auth })
      ).json()
      assert.equal(contact.marketing, 'opted_in')
      assert.deepEqual(contact.shipping_address, {
        country_code: 'US',
        province_code: 'DC',
        zip: '20001',
      })
      assert.deepEqual(contact.consent_history[0].evidence, {
        wording: 'Text me offers. Msg & data rates may apply. Reply STOP to opt out.',
        page_url: 'https://atelier.example/checkout',
        ip: '203.0.113.7',
        user_agent: 'Mozilla/5.0',
        collected_at: '2026-11-27T15:10:00.000Z',
      })
      assert.equal(contact.consent_history[0].source, 'checkout')
    })

    it('lists every bad field at once and records nothing', async () => {
      const store = await shop()

      const res = await post(
        store.auth,
        {
          ...checkout,
          checkout_id: '',
          phone: '+1202',
          consent: { marketing: true, ip: 'localhost', collected_at: 'soon' },
          items: [{ title: 'Beanie', quantity: 0, price: '24,00', image_url: 'ftp://x' }],
          total: '-1',
          currency: 'dollars',
          recovery_url: 'javascript:alert(1)',
          shipping_address: { country_code: 'USA' },
          updated_at: '2027-01-01T00:00:00Z',
          colour: 'red',
        },
        { 'idempotency-key': 'é' },
      )

      assert.equal(res.statusCode, 422)
      assert.equal(res.json().code, 'VALIDATION_FAILED')
      assert.deepEqual(
        res
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
        [
          '/checkout_id',
          '/colour',
          '/consent/collected_at',
          '/consent/ip',
          '/consent/wording',
          '/currency',
          '/items/0/image_url',
          '/items/0/price',
          '/items/0/quantity',
          '/phone',
          '/recovery_url',
          '/shipping_address/country_code',
          '/total',
          '/updated_at',
          'Idempotency-Key',
        ],
      )
      const rows = await h.db
        .selectFrom('checkouts')
        .select('checkout_id')
        .where('store_id', '=', store.id)
        .execute()
      assert.deepEqual(rows, [])
    })

    it('names the types it knows when the type is missing or unknown', async () => {
      const store = await shop()

      const res = await post(store.auth, { type: 'cart.created', checkout_id: 'x' })

      assert.equal(res.statusCode, 422)
      assert.deepEqual(res.json().errors, [
        {
          field: '/type',
          code: 'INVALID',
          message: 'must be one of "checkout.updated", "order.placed", "shipment.updated"',
        },
      ])
    })

    it('answers the same event sent again as a duplicate, by key or by type, id and time', async () => {
      const store = await shop()

      const first = await post(store.auth, checkout)
      const again = await post(store.auth, checkout)
      const keyed = await post(store.auth, checkout, { 'idempotency-key': 'cart-7731-1' })
      const keyedAgain = await post(store.auth, checkout, { 'idempotency-key': 'cart-7731-1' })
      const reused = await post(
        store.auth,
        { ...checkout, total: '72.00', updated_at: '2026-11-27T15:20:00Z' },
        { 'idempotency-key': 'cart-7731-1' },
      )

      assert.equal(first.json().outcome, 'accepted')
      assert.deepEqual(again.json(), { id: first.json().id, outcome: 'duplicate', events: [] })
      assert.equal(keyed.json().outcome, 'unchanged')
      assert.equal(keyedAgain.json().outcome, 'duplicate')
      assert.equal(reused.statusCode, 409)
      assert.equal(reused.json().code, 'IDEMPOTENCY_KEY_REUSED')
      assert.equal(sink.events.length, 1)
    })

    it('records an order and fills a later shipment’s customer from it', async () => {
      const store = await shop()

      const order = await post(store.auth, {
        type: 'order.placed',
        order_id: '1001',
        order_name: '#1001',
        checkout_id: 'cart-7731',
        phone: '+12025550143',
        customer: { first_name: 'Mara' },
        items: [{ title: 'Alpine Wool Beanie', quantity: 2, price: '24' }],
        total: '48.00',
        currency: 'USD',
        discount_codes: ['COMEBACK10'],
        placed_at: '2026-11-27T15:25:00Z',
      })
      const shipment = await post(store.auth, {
        type: 'shipment.updated',
        shipment_id: 'ship-1',
        order_id: '1001',
        tracking_number: '1Z999AA10123456784',
        tracking_url: 'https://tracking.example.net/track?num=1Z999AA10123456784',
        tracking_company: 'UPS',
        status: 'in_transit',
        updated_at: '2026-11-27T15:29:00Z',
      })

      assert.deepEqual(order.json().events, [{ type: 'order.placed', id: '1001' }])
      assert.deepEqual(shipment.json().events, [{ type: 'shipment.updated', id: 'ship-1' }])
      const shipped = sink.events[1]
      assert.equal(shipped?.type === 'shipment.updated' && shipped.phone, '+12025550143')
      assert.equal(shipped?.type === 'shipment.updated' && shipped.orderName, '#1001')
      const row = await h.db
        .selectFrom('orders')
        .select(['discount_codes', 'total_micros', 'checkout_id'])
        .where('store_id', '=', store.id)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        { ...row, total_micros: Number(row.total_micros) },
        { discount_codes: '["COMEBACK10"]', total_micros: 48_000_000, checkout_id: 'cart-7731' },
      )
    })

    it('records an opt-out when the customer declined, and nothing without a phone', async () => {
      const store = await shop()

      const declined = await post(store.auth, {
        ...checkout,
        consent: { marketing: false, collected_at: '2026-11-27T15:11:00Z' },
      })
      const noPhone = await post(store.auth, {
        ...checkout,
        phone: undefined,
        consent: undefined,
        updated_at: '2026-11-27T15:14:00Z',
      })

      assert.equal(declined.json().outcome, 'accepted')
      assert.equal(noPhone.json().outcome, 'accepted')
      const contact = (
        await h.app.inject({ url: '/v1/contacts/%2B12025550143', headers: store.auth })
      ).json()
      assert.equal(contact.marketing, 'opted_out')
      assert.equal(contact.consent_history.length, 1)
    })

    it('needs the store’s API key', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/v1/events', payload: checkout })

      assert.equal(res.statusCode, 401)
    })
  })
}

describe('store events and erasure', () => {
  let h: ApiHarness

  before(async () => {
    h = await startApiHarness()
  })
  after(() => h.close())

  it('erases the customer from checkouts, orders and shipments, keeping the amounts', async () => {
    const store = await h.store('Erasing', { defaultCountry: 'US' })
    const post = (payload: object) =>
      h.app.inject({ method: 'POST', url: '/v1/events', headers: store.auth, payload })
    await post(checkout)
    await post({
      type: 'order.placed',
      order_id: '1001',
      phone: '+12025550143',
      customer: { first_name: 'Mara', email: 'mara.quill@example.com' },
      items: [],
      total: '48.00',
      currency: 'USD',
      placed_at: '2026-11-27T15:25:00Z',
    })

    await h.app.inject({
      method: 'DELETE',
      url: '/v1/contacts/%2B12025550143',
      headers: store.auth,
    })
    const shipment = await post({
      type: 'shipment.updated',
      shipment_id: 'ship-1',
      order_id: '1001',
      tracking_number: '1Z999AA10123456784',
      updated_at: '2026-11-27T15:29:00Z',
    })

    const hash = h.hasher.phone('+12025550143')
    const order = await h.db
      .selectFrom('orders')
      .selectAll()
      .where('store_id', '=', store.id)
      .executeTakeFirstOrThrow()
    const cart = await h.db
      .selectFrom('checkouts')
      .selectAll()
      .where('store_id', '=', store.id)
      .executeTakeFirstOrThrow()
    assert.equal(order.phone, hash)
    assert.equal(order.first_name, null)
    assert.equal(order.email, null)
    assert.equal(Number(order.total_micros), 48_000_000)
    assert.equal(cart.phone, hash)
    assert.equal(cart.recovery_url, null)
    assert.equal(Number(cart.total_micros), 48_000_000)
    // A shipment of the erased customer's order does not carry the hash as a number to text.
    assert.equal(shipment.json().outcome, 'accepted')
    const shipped = await h.db
      .selectFrom('shipments')
      .select('phone')
      .where('store_id', '=', store.id)
      .executeTakeFirstOrThrow()
    assert.equal(shipped.phone, null)
  })
})

describe('the store event routes in the API description', () => {
  it('lists POST /v1/events beside GET, and the platform webhooks without an API key', async () => {
    const h = await startApiHarness()
    const doc = (await h.app.inject({ url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>
    }
    await h.close()

    assert.deepEqual(Object.keys(doc.paths['/v1/events'] ?? {}).sort(), ['get', 'post'])
    for (const platform of ['shopify', 'woocommerce']) {
      const route = doc.paths[`/v1/stores/{store}/${platform}/webhooks`]?.['post']
      assert.deepEqual(route?.security, [], platform)
    }
  })
})
