import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'

type Shop = Awaited<ReturnType<ApiHarness['store']>>

const CHECKOUT_EVIDENCE = {
  wording: 'Yes, text me offers from Northwind. Msg & data rates may apply.',
  page_url: 'https://northwind.example/checkout?email=mara%40example.com',
  ip: '203.0.113.7',
  user_agent: 'Mozilla/5.0 (iPhone)',
  collected_at: '2026-11-27T15:00:00Z',
}

function client(h: ApiHarness, shop: Shop) {
  return {
    consent: (phone: string, body: unknown) =>
      h.app.inject({
        method: 'POST',
        url: `/v1/contacts/${encodeURIComponent(phone)}/consent`,
        headers: shop.auth,
        payload: body as object,
      }),
    get: (path: string) => h.app.inject({ url: path, headers: shop.auth }),
    send: (body: unknown) =>
      h.app.inject({
        method: 'POST',
        url: '/v1/messages',
        headers: shop.auth,
        payload: body as object,
      }),
  }
}

describe('POST and GET /v1/contacts/{phone}', () => {
  let h: ApiHarness
  let shop: Shop
  let api: ReturnType<typeof client>

  before(async () => {
    // 10:30 in Washington on a Friday: inside every sending window.
    h = await startApiHarness()
    shop = await h.store('Northwind', { defaultCountry: 'US', defaultSender: '+12025550100' })
    api = client(h, shop)
  })
  after(() => h.close())

  it('records an opt-in with its evidence and shows the state and the full history', async () => {
    const res = await api.consent('+12025550143', {
      action: 'opt_in',
      source: 'checkout',
      evidence: CHECKOUT_EVIDENCE,
      time_zone: 'America/New_York',
      shipping_address: { country_code: 'us', province_code: 'DC', zip: '20001' },
    })

    assert.equal(res.statusCode, 200)
    const read = await api.get('/v1/contacts/%2B12025550143')
    assert.equal(read.statusCode, 200)
    const contact = read.json()
    assert.equal(contact.phone, '+12025550143')
    assert.equal(contact.marketing, 'opted_in')
    assert.equal(contact.opted_out_of_all, false)
    assert.equal(contact.time_zone, 'America/New_York')
    assert.deepEqual(contact.shipping_address, {
      country_code: 'US',
      province_code: 'DC',
      zip: '20001',
    })
    assert.equal(contact.consent_history.length, 1)
    const [record] = contact.consent_history
    assert.equal(record.action, 'opt_in')
    assert.equal(record.scope, 'marketing')
    assert.equal(record.source, 'checkout')
    assert.deepEqual(record.evidence, {
      ...CHECKOUT_EVIDENCE,
      collected_at: '2026-11-27T15:00:00.000Z',
    })
    assert.equal(record.created_at, '2026-11-27T15:30:00.000Z')
  })

  it('keeps every record in order and derives the state from the latest', async () => {
    const phone = '+12025550150'
    await api.consent(phone, { action: 'opt_in', evidence: { wording: 'Offers by text' } })
    await api.consent(phone, { action: 'opt_out', scope: 'marketing' })
    await api.consent(phone, { action: 'opt_in', scope: 'all', evidence: { wording: 'All texts' } })

    const contact = (await api.get(`/v1/contacts/${encodeURIComponent(phone)}`)).json()
    assert.deepEqual(
      contact.consent_history.map(
        (r: { action: string; scope: string }) => `${r.action}:${r.scope}`,
      ),
      ['opt_in:marketing', 'opt_out:marketing', 'opt_in:all'],
    )
    assert.equal(contact.marketing, 'opted_in')
  })

  it('refuses an opt-in without evidence, a bad number and a bad zone all at once, storing nothing', async () => {
    const countRecords = async () =>
      Number(
        (
          await h.db
            .selectFrom('consent_events')
            .select(h.db.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await countRecords()
    const res = await api.consent('12', {
      action: 'opt_in',
      evidence: { page_url: 'ftp://x', ip: 'not-an-ip', collected_at: '2099-01-01T00:00:00Z' },
      time_zone: 'Mars/Olympus',
      scope: 'everything',
    })

    assert.equal(res.statusCode, 422)
    const fields = res
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort()
    assert.deepEqual(fields, [
      '/evidence/collected_at',
      '/evidence/ip',
      '/evidence/page_url',
      '/evidence/wording',
      '/phone',
      '/scope',
      '/time_zone',
    ])
    assert.equal(await countRecords(), before)
  })

  it('answers 404 for a number with no contact', async () => {
    const res = await api.get('/v1/contacts/%2B12025550199')
    assert.equal(res.statusCode, 404)
    assert.equal(res.json().code, 'NOT_FOUND')
  })

  it('answers 202 for a promotion without consent and shows it suppressed with its reason', async () => {
    const res = await api.send({ to: '+12025550151', body: 'Sale!', category: 'marketing' })

    assert.equal(res.statusCode, 202)
    assert.equal(res.json().status, 'suppressed')
    assert.equal(res.json().reason, 'NO_CONSENT')
    const read = await api.get(`/v1/messages/${res.json().id}`)
    assert.equal(read.json().status, 'suppressed')
    assert.equal(read.json().reason, 'NO_CONSENT')
    const list = await api.get('/v1/messages?status=suppressed')
    assert.ok(list.json().data.some((m: { id: string }) => m.id === res.json().id))
  })

  it('stops a queued promotion when the recipient opts out through the API', async () => {
    const phone = '+12025550152'
    await api.consent(phone, { action: 'opt_in', evidence: { wording: 'Offers by text' } })
    const promotion = await api.send({ to: phone, body: 'Sale!', category: 'marketing' })
    const receipt = await api.send({ to: phone, body: 'Your receipt' })
    assert.equal(promotion.json().status, 'queued')

    await api.consent(phone, { action: 'opt_out', scope: 'marketing' })

    const stopped = (await api.get(`/v1/messages/${promotion.json().id}`)).json()
    assert.equal(stopped.status, 'suppressed')
    assert.equal(stopped.reason, 'OPTED_OUT')
    assert.equal((await api.get(`/v1/messages/${receipt.json().id}`)).json().status, 'queued')
  })

  it('sets and clears where a contact is with PATCH', async () => {
    const phone = '%2B12025550153'
    const set = await h.app.inject({
      method: 'PATCH',
      url: `/v1/contacts/${phone}`,
      headers: shop.auth,
      payload: {
        time_zone: 'America/Chicago',
        shipping_address: { country_code: 'US', zip: '60601' },
      },
    })
    assert.equal(set.statusCode, 200)
    assert.equal(set.json().time_zone, 'America/Chicago')
    assert.equal(set.json().marketing, 'none')

    const cleared = await h.app.inject({
      method: 'PATCH',
      url: `/v1/contacts/${phone}`,
      headers: shop.auth,
      payload: { time_zone: null, shipping_address: null },
    })
    assert.equal(cleared.json().time_zone, null)
    assert.equal(cleared.json().shipping_address, null)
  })
})

describe('double opt-in through the API', () => {
  let h: ApiHarness
  let shop: Shop
  let api: ReturnType<typeof client>

  before(async () => {
    h = await startApiHarness()
    shop = await h.store('Northwind', { defaultCountry: 'US', defaultSender: '+12025550100' })
    api = client(h, shop)
  })
  after(() => h.close())

  it('texts the request, records it as waiting and grants no consent yet', async () => {
    const res = await api.consent('+12025550160', {
      action: 'opt_in',
      double_opt_in: true,
      language: 'fr',
      evidence: { page_url: 'https://northwind.example/signup' },
    })

    assert.equal(res.statusCode, 200)
    const contact = res.json()
    assert.equal(contact.marketing, 'none')
    assert.equal(contact.pending_double_opt_in.scope, 'marketing')
    const request = (
      await api.get(`/v1/messages/${contact.pending_double_opt_in.message_id}`)
    ).json()
    assert.equal(request.status, 'queued')
    assert.equal(request.category, 'transactional')
    assert.equal(
      request.body,
      'Northwind : répondez YES pour recevoir nos offres par SMS. Répondez STOP pour vous désinscrire.',
    )
    const promotion = await api.send({ to: '+12025550160', body: 'Sale!', category: 'marketing' })
    assert.equal(promotion.json().reason, 'NO_CONSENT')
  })

  it('refuses to ask a number that opted out of everything and stores nothing', async () => {
    await api.consent('+12025550161', { action: 'opt_out', scope: 'all' })
    const before = await h.db
      .selectFrom('messages')
      .select(h.db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()

    const res = await api.consent('+12025550161', { action: 'opt_in', double_opt_in: true })

    assert.equal(res.statusCode, 409)
    assert.equal(res.json().type, '/problems/recipient-opted-out')
    const after = await h.db
      .selectFrom('messages')
      .select(h.db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    assert.equal(Number(after.n), Number(before.n))
  })

  it('refuses a double opt-in on an opt-out, and its fields without one', async () => {
    const optOut = await api.consent('+12025550162', { action: 'opt_out', double_opt_in: true })
    const stray = await api.consent('+12025550162', {
      action: 'opt_in',
      evidence: { wording: 'Offers by text' },
      language: 'de',
      from: 'Northwind',
    })

    assert.equal(optOut.statusCode, 422)
    assert.deepEqual(
      optOut.json().errors.map((e: { field: string }) => e.field),
      ['/double_opt_in'],
    )
    assert.equal(stray.statusCode, 422)
    assert.deepEqual(
      stray
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['/from', '/language'],
    )
  })
})

describe('the OpenAPI document', () => {
  let h: ApiHarness

  before(async () => {
    h = await startApiHarness()
  })
  after(() => h.close())

  it('documents the contact and compliance routes from their schemas', async () => {
    const doc = (await h.app.inject({ url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>
      components: unknown
    }

    assert.deepEqual(Object.keys(doc.paths['/v1/contacts/{phone}'] ?? {}).sort(), [
      'delete',
      'get',
      'patch',
    ])
    assert.ok(doc.paths['/v1/contacts/{phone}/consent']?.['post'])
    assert.ok(doc.paths['/v1/contacts/{phone}/export']?.['get'])
    assert.ok(doc.paths['/v1/compliance/decisions']?.['get'])
    assert.deepEqual(
      Object.keys(doc.paths['/v1/contacts/import']?.['post']?.requestBody?.content ?? {}),
      ['text/csv'],
    )
    const send = JSON.stringify(doc.paths['/v1/messages'])
    assert.match(send, /"reason"/)
  })
})
