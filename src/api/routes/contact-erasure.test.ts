import { createHmac } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  startApiHarness,
  TEST_ERASURE_KEY,
  type ApiHarness,
} from '../../../test/support/api-harness.js'

const PHONE = '+12025550180'
const PATH = `/v1/contacts/${encodeURIComponent(PHONE)}`
/** HMAC-SHA256 under the erasure key of `phone:<E.164>`, as the README describes the hash. */
const PHONE_HASH = `hash:${createHmac('sha256', TEST_ERASURE_KEY).update(`phone:${PHONE}`).digest('hex')}`

describe('export and erasure of a contact', () => {
  let h: ApiHarness
  let shop: Awaited<ReturnType<ApiHarness['store']>>
  const ids: string[] = []

  before(async () => {
    h = await startApiHarness()
    shop = await h.store('Northwind', { defaultCountry: 'US', defaultSender: '+12025550100' })
    await call('POST', `${PATH}/consent`, {
      action: 'opt_in',
      source: 'checkout',
      evidence: {
        wording: 'Text me offers',
        page_url: 'https://northwind.example/checkout?email=mara%40example.com#pay',
        ip: '203.0.113.7',
        user_agent: 'Mozilla/5.0 (iPhone)',
      },
      time_zone: 'America/New_York',
    })
    h.clock.advance(1000)
    ids.push(
      (
        await call('POST', '/v1/messages', {
          to: PHONE,
          body: 'Mara, 20% off boots',
          category: 'marketing',
        })
      ).json().id,
    )
    h.clock.advance(1000)
    ids.push(
      (await call('POST', '/v1/messages', { to: PHONE, body: 'Mara, order #1042 shipped' })).json()
        .id,
    )
    h.clock.advance(1000)
    await h.receive('12025550180', '12025550100', 'Do you have them in blue?')
  })
  after(() => h.close())

  function call(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) {
    return h.app.inject({ method, url, headers: shop.auth, ...(payload ? { payload } : {}) })
  }

  it('exports the contact, its consent history, messages both ways and gate decisions', async () => {
    const res = await call('GET', `${PATH}/export`)

    assert.equal(res.statusCode, 200)
    const data = res.json()
    assert.equal(data.phone, PHONE)
    assert.equal(data.contact.marketing, 'opted_in')
    assert.equal(data.contact.time_zone, 'America/New_York')
    assert.equal(data.consent_history.length, 1)
    assert.deepEqual(
      data.messages.map((m: { direction: string; body: string }) => [m.direction, m.body]),
      [
        ['outbound', 'Mara, 20% off boots'],
        ['outbound', 'Mara, order #1042 shipped'],
        ['inbound', 'Do you have them in blue?'],
      ],
    )
    assert.deepEqual(
      data.gate_decisions.map((d: { message_id: string }) => d.message_id).sort(),
      [...ids].sort(),
    )
    assert.deepEqual(data.clicks, [])
    assert.deepEqual(data.orders, [])
  })

  it('erases the number, bodies and evidence and keeps counts under the keyed hash', async () => {
    const res = await call('DELETE', PATH)

    assert.equal(res.statusCode, 200)
    // Three messages; two consent records (the opt-in and the opt-out erasure records); two
    // decisions at sending and two for stopping both messages that were still queued.
    assert.deepEqual(res.json(), {
      phone: PHONE,
      erased_at: '2026-11-27T15:30:03.000Z',
      messages: 3,
      consent_records: 2,
      gate_decisions: 4,
    })
    assert.equal((await call('GET', PATH)).statusCode, 404)

    const messages = await h.db
      .selectFrom('messages')
      .selectAll()
      .where('store_id', '=', shop.id)
      .execute()
    assert.equal(messages.length, 3)
    for (const m of messages) {
      const customer = m.direction === 'outbound' ? m.recipient : m.sender
      assert.equal(customer, PHONE_HASH)
      assert.match(m.body, /^hash:[0-9a-f]{64}$/)
      assert.equal(m.metadata, null)
    }
    assert.deepEqual(
      messages.filter((m) => m.direction === 'outbound').map((m) => [m.status, m.reason]),
      [
        ['suppressed', 'OPTED_OUT'],
        ['suppressed', 'OPTED_OUT'],
      ],
    )
    const stored = JSON.stringify(
      await h.db
        .selectFrom('message_events')
        .select('payload')
        .where('store_id', '=', shop.id)
        .execute(),
    )
    assert.ok(!stored.includes('2025550180') && !stored.includes('Mara'), stored)

    const records = await h.db
      .selectFrom('consent_events')
      .selectAll()
      .where('store_id', '=', shop.id)
      .execute()
    assert.ok(
      records.every((r) => r.phone === PHONE_HASH && r.ip === null && r.user_agent === null),
    )
    assert.equal(
      records.find((r) => r.action === 'opt_in')?.page_url,
      'https://northwind.example/checkout',
    )
    const decisions = await h.db
      .selectFrom('gate_decisions')
      .select('phone')
      .where('store_id', '=', shop.id)
      .execute()
    assert.ok(decisions.every((d) => d.phone === PHONE_HASH))
    const contact = await h.db
      .selectFrom('contacts')
      .selectAll()
      .where('store_id', '=', shop.id)
      .execute()
    assert.deepEqual(
      contact.map((c) => [c.phone, c.marketing, c.time_zone]),
      [[PHONE_HASH, 'opted_out', null]],
    )
  })

  it('keeps promotions to the erased number suppressed as OPTED_OUT, and lets receipts go', async () => {
    const promotion = await call('POST', '/v1/messages', {
      to: PHONE,
      body: 'Back in stock',
      category: 'marketing',
    })
    const receipt = await call('POST', '/v1/messages', { to: PHONE, body: 'Your refund' })

    assert.equal(promotion.statusCode, 202)
    assert.equal(promotion.json().status, 'suppressed')
    assert.equal(promotion.json().reason, 'OPTED_OUT')
    assert.equal(receipt.json().status, 'queued')
  })

  it('keeps an opt-out of everything through erasure', async () => {
    const phone = '%2B12025550181'
    await call('POST', `/v1/contacts/${phone}/consent`, { action: 'opt_out', scope: 'all' })
    await call('DELETE', `/v1/contacts/${phone}`)

    const receipt = await call('POST', '/v1/messages', { to: '+12025550181', body: 'Your refund' })
    assert.equal(receipt.json().reason, 'OPTED_OUT')
  })

  it('lets a new opt-in after erasure allow promotions again', async () => {
    await call('POST', `${PATH}/consent`, {
      action: 'opt_in',
      evidence: { wording: 'Offers again' },
    })

    const contact = (await call('GET', PATH)).json()
    assert.equal(contact.marketing, 'opted_in')
    assert.equal(contact.consent_history.length, 1)
    const promotion = await call('POST', '/v1/messages', {
      to: PHONE,
      body: 'Welcome back',
      category: 'marketing',
    })
    assert.equal(promotion.json().status, 'queued')
  })
})
