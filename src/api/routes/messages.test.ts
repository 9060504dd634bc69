import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'
import { DATABASE_KINDS } from '../../../test/support/test-database.js'

describe('POST /v1/messages', () => {
  let h: ApiHarness
  let shop: Awaited<ReturnType<ApiHarness['store']>>

  before(async () => {
    h = await startApiHarness()
    shop = await h.store('Northwind', { defaultCountry: 'US', defaultSender: 'Northwind' })
  })
  after(() => h.close())

  const send = (body: unknown, headers: Record<string, string> = {}) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/messages',
      headers: { ...shop.auth, ...headers },
      payload: body as object,
    })
  const countMessages = async () =>
    Number(
      (
        await h.db
          .selectFrom('messages')
          .select(h.db.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('accepts a message in national format and answers with its E.164 number, encoding and price', async () => {
    const res = await send({ to: '(202) 555-0143', body: 'Your order #1042 has shipped' })

    assert.equal(res.statusCode, 202)
    const message = res.json()
    assert.match(message.id, /^msg_[0-9A-Z]{26}$/)
    assert.equal(message.status, 'queued')
    assert.equal(message.to, '+12025550143')
    assert.equal(message.from, 'Northwind')
    assert.equal(message.encoding, 'GSM-7')
    assert.equal(message.segments, 1)
    // config/prices.json: US at 0.0079 USD per segment.
    assert.deepEqual(message.price, { amount: '0.0079', currency: 'USD' })
    assert.equal(message.country, 'US')
  })

  it('counts an emoji message as UCS-2 and prices every segment', async () => {
    const res = await send({ to: '+442079460018', body: `${'a'.repeat(70)}🛒` })

    assert.equal(res.statusCode, 202)
    const message = res.json()
    assert.equal(message.encoding, 'UCS-2')
    assert.equal(message.segments, 2)
    // config/prices.json: GB at 0.0400 USD per segment.
    assert.deepEqual(message.price, { amount: '0.0800', currency: 'USD' })
  })

  it('names every invalid field in one problem and stores nothing', async () => {
    const before = await countMessages()
    const res = await send({
      to: '12',
      body: 42,
      from: 'Shop-Now!!',
      category: 'promo',
      send_at: 1,
      status_callback: {},
      metadata: 'x',
      colour: 'red',
    })

    assert.equal(res.statusCode, 422)
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
    const problem = res.json()
    assert.equal(problem.type, '/problems/validation-failed')
    assert.equal(problem.code, 'VALIDATION_FAILED')
    const fields = problem.errors.map((e: { field: string }) => e.field).sort()
    assert.deepEqual(fields, [
      '/body',
      '/category',
      '/colour',
      '/from',
      '/metadata',
      '/send_at',
      '/status_callback',
      '/to',
    ])
    assert.equal(await countMessages(), before)
  })

  it('rejects a body longer than ten segments', async () => {
    const res = await send({ to: '+12025550143', body: 'x'.repeat(153 * 10 + 1) })

    assert.equal(res.statusCode, 422)
    assert.equal(res.json().errors[0].code, 'BODY_TOO_LONG')
  })

  it('schedules a message with a future send_at', async () => {
    const sendAt = new Date(h.clock.now() + 3600_000).toISOString()
    const res = await send({ to: '+12025550143', body: 'Sale starts now', send_at: sendAt })

    assert.equal(res.statusCode, 202)
    assert.equal(res.json().status, 'scheduled')
    assert.equal(res.json().send_at, sendAt)
  })

  it('returns the same message for a retried Idempotency-Key and refuses the key for another body', async () => {
    const first = await send(
      { to: '+12025550143', body: 'Order confirmed' },
      { 'idempotency-key': 'order-1042' },
    )
    const again = await send(
      { body: 'Order confirmed', to: '+12025550143' },
      { 'idempotency-key': 'order-1042' },
    )
    const other = await send(
      { to: '+12025550143', body: 'Order cancelled' },
      { 'idempotency-key': 'order-1042' },
    )

    assert.equal(first.statusCode, 202)
    assert.equal(again.statusCode, 202)
    assert.equal(again.json().id, first.json().id)
    assert.equal(again.headers['idempotent-replayed'], 'true')
    assert.equal(other.statusCode, 409)
    assert.equal(other.json().code, 'IDEMPOTENCY_KEY_REUSED')
  })

  it('lets an Idempotency-Key be used again after 24 hours', async () => {
    const first = await send(
      { to: '+12025550143', body: 'Daily digest' },
      { 'idempotency-key': 'digest' },
    )
    h.clock.advance(24 * 3600_000 + 1)
    const later = await send(
      { to: '+12025550143', body: 'Daily digest' },
      { 'idempotency-key': 'digest' },
    )

    assert.equal(later.statusCode, 202)
    assert.notEqual(later.json().id, first.json().id)
  })

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/messages',
      headers: { ...shop.auth, 'content-type': 'application/json' },
      payload: '{"to": ',
    })

    assert.equal(res.statusCode, 400)
    assert.equal(res.json().code, 'MALFORMED_REQUEST')
  })

  it('refuses a request without a valid API key', async () => {
    const none = await h.app.inject({ method: 'POST', url: '/v1/messages', payload: {} })
    const wrong = await send({}, { authorization: 'Bearer nk_live_nope' })

    assert.equal(none.statusCode, 401)
    assert.equal(none.json().type, '/problems/unauthorized')
    assert.equal(wrong.statusCode, 401)
  })
})

describe('GET /v1/messages', () => {
  let h: ApiHarness

  before(async () => {
    h = await startApiHarness()
  })
  after(() => h.close())

  it('pages newest first and never shows another store’s messages', async () => {
    const mine = await h.store('Mine', { defaultSender: 'Mine' })
    const theirs = await h.store('Theirs', { defaultSender: 'Theirs' })
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      h.clock.advance(1000)
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/messages',
        headers: mine.auth,
        payload: { to: '+12025550143', body: `message ${i}` },
      })
      ids.push(res.json().id)
    }

    const page1 = await h.app.inject({ url: '/v1/messages?limit=3', headers: mine.auth })
    const cursor = page1.json().next_cursor
    const page2 = await h.app.inject({
      url: `/v1/messages?limit=3&cursor=${cursor}`,
      headers: mine.auth,
    })
    const seen = [...page1.json().data, ...page2.json().data].map((m: { id: string }) => m.id)
    assert.deepEqual(seen, [...ids].reverse())
    assert.equal(page2.json().next_cursor, null)

    const theirList = await h.app.inject({ url: '/v1/messages', headers: theirs.auth })
    assert.deepEqual(theirList.json().data, [])
    const theirRead = await h.app.inject({ url: `/v1/messages/${ids[0]}`, headers: theirs.auth })
    assert.equal(theirRead.statusCode, 404)
  })

  it('filters by status and by number in any format', async () => {
    const store = await h.store('Filter', { defaultSender: 'Filter', defaultCountry: 'GB' })
    await h.app.inject({
      method: 'POST',
      url: '/v1/messages',
      headers: store.auth,
      payload: { to: '020 7946 0018', body: 'hi' },
    })

    const byNumber = await h.app.inject({
      url: '/v1/messages?to=%2B442079460018',
      headers: store.auth,
    })
    const byStatus = await h.app.inject({
      url: '/v1/messages?status=delivered',
      headers: store.auth,
    })
    const badStatus = await h.app.inject({ url: '/v1/messages?status=lost', headers: store.auth })

    assert.equal(byNumber.json().data.length, 1)
    assert.equal(byStatus.json().data.length, 0)
    assert.equal(badStatus.statusCode, 422)
  })
})

for (const database of DATABASE_KINDS) {
  describe(`the message log for a dashboard (${database})`, () => {
    const MARA = '+12025550143'
    const JONAH = '+12025550188'
    let h: ApiHarness
    let shop: Awaited<ReturnType<ApiHarness['store']>>
    const ids: Record<string, string> = {}

    // Oldest first: a text to Mara, a promotion to Jonah (no consent: suppressed), Mara's
    // reply, a second text to Mara, and Jonah's reply.
    before(async () => {
      h = await startApiHarness({ database })
      shop = await h.store('Log', { defaultSender: '+12025550100', defaultCountry: 'US' })
      const send = async (key: string, payload: object) => {
        h.clock.advance(1000)
        const res = await h.app.inject({
          method: 'POST',
          url: '/v1/messages',
          headers: shop.auth,
          payload,
        })
        assert.equal(res.statusCode, 202, res.body)
        ids[key] = res.json().id
      }
      const reply = async (key: string, from: string) => {
        h.clock.advance(1000)
        await h.receive(from.slice(1), '12025550100', 'Thanks!')
        const page = await h.app.inject({ url: '/v1/messages?limit=1', headers: shop.auth })
        ids[key] = page.json().data[0].id
      }
      await send('toMara', { to: MARA, body: 'Your order #1042 is confirmed' })
      await send('promo', { to: JONAH, body: 'Winter sale', category: 'marketing' })
      await reply('fromMara', MARA)
      await send('toMaraAgain', { to: '(202) 555-0143', body: 'Your order #1042 has shipped' })
      await reply('fromJonah', JONAH)
    })
    after(() => h.close())

    const list = async (query: string) => {
      const res = await h.app.inject({ url: `/v1/messages?${query}`, headers: shop.auth })
      assert.equal(res.statusCode, 200, res.body)
      return res.json() as { data: { id: string }[]; next_cursor: string | null }
    }
    const idsOf = (page: { data: { id: string }[] }) => page.data.map((m) => m.id)

    it('lists replies or sent messages alone by direction, newest first', async () => {
      assert.deepEqual(idsOf(await list('direction=inbound')), [ids.fromJonah, ids.fromMara])
      assert.deepEqual(idsOf(await list('direction=outbound')), [
        ids.toMaraAgain,
        ids.promo,
        ids.toMara,
      ])
    })

    it('lists the messages the gate stopped for one reason', async () => {
      assert.deepEqual(idsOf(await list('reason=NO_CONSENT')), [ids.promo])
      assert.deepEqual(idsOf(await list('reason=QUIET_HOURS')), [])
    })

    it('pages through a number’s messages on both sides, one at a time', async () => {
      const seen: string[] = []
      let page = await list('to=%2B12025550143&limit=1')
      seen.push(...idsOf(page))
      while (page.next_cursor !== null) {
        page = await list(`to=%2B12025550143&limit=1&cursor=${page.next_cursor}`)
        seen.push(...idsOf(page))
      }

      assert.deepEqual(seen, [ids.toMaraAgain, ids.fromMara, ids.toMara])
    })

    it('combines a number with a direction and a status', async () => {
      assert.deepEqual(idsOf(await list('to=2025550143&direction=inbound')), [ids.fromMara])
      assert.deepEqual(idsOf(await list('to=2025550188&status=suppressed')), [ids.promo])
      assert.deepEqual(idsOf(await list('to=2025550188&direction=outbound&status=queued')), [])
    })

    it('refuses an unknown direction and reason together', async () => {
      const res = await h.app.inject({
        url: '/v1/messages?direction=sideways&reason=BECAUSE',
        headers: shop.auth,
      })

      assert.equal(res.statusCode, 422)
      const fields = res.json().errors.map((e: { field: string }) => e.field)
      assert.deepEqual(fields.sort(), ['/direction', '/reason'])
    })

    it('shows a suppressed message’s timeline with the gate’s reason and no segments', async () => {
      const res = await h.app.inject({
        url: `/v1/messages/${ids.promo}/timeline`,
        headers: shop.auth,
      })

      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual(res.json(), {
        message_id: ids.promo,
        events: [
          {
            at: new Date(Date.parse('2026-11-27T15:30:02Z')).toISOString(),
            status: 'suppressed',
            type: 'message.status',
            reason: 'NO_CONSENT',
          },
        ],
        segments: [],
      })
    })

    it('answers 404 for another store’s message timeline', async () => {
      const other = await h.store('Other')
      const res = await h.app.inject({
        url: `/v1/messages/${ids.toMara}/timeline`,
        headers: other.auth,
      })

      assert.equal(res.statusCode, 404)
      assert.equal(res.json().code, 'NOT_FOUND')
    })
  })
}
