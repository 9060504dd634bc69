import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'

describe('GET and PATCH /v1/store', () => {
  let h: ApiHarness

  before(async () => {
    h = await startApiHarness()
  })
  after(() => h.close())

  it('changes settings and shows them back', async () => {
    const shop = await h.store('Northwind')
    const res = await h.app.inject({
      method: 'PATCH',
      url: '/v1/store',
      headers: shop.auth,
      payload: {
        webhook_url: 'https://hooks.northwind.example/nudge',
        default_country: 'GB',
        default_sender: 'Northwind',
      },
    })

    assert.equal(res.statusCode, 200)
    const read = (await h.app.inject({ url: '/v1/store', headers: shop.auth })).json()
    assert.equal(read.id, shop.id)
    assert.equal(read.webhook_url, 'https://hooks.northwind.example/nudge')
    assert.equal(read.default_country, 'GB')
    assert.equal(read.default_sender, 'Northwind')
    assert.match(read.webhook_secret, /^whsec_/)
  })

  it('clears a setting with null', async () => {
    const shop = await h.store('Clear', { defaultSender: 'Clear' })
    const res = await h.app.inject({
      method: 'PATCH',
      url: '/v1/store',
      headers: shop.auth,
      payload: { default_sender: null },
    })

    assert.equal(res.json().default_sender, null)
  })

  it('refuses invalid settings all at once and keeps the old ones', async () => {
    const shop = await h.store('Strict', { defaultCountry: 'US' })
    const res = await h.app.inject({
      method: 'PATCH',
      url: '/v1/store',
      headers: shop.auth,
      payload: {
        name: '',
        webhook_url: 'ftp://x',
        default_country: 'ZZ',
        default_sender: 'Far Too Long Name',
      },
    })

    assert.equal(res.statusCode, 422)
    const fields = res
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort()
    assert.deepEqual(fields, ['/default_country', '/default_sender', '/name', '/webhook_url'])
    const read = (await h.app.inject({ url: '/v1/store', headers: shop.auth })).json()
    assert.equal(read.default_country, 'US')
    assert.equal(read.webhook_url, null)
  })
})

describe('API key rotation', () => {
  let h: ApiHarness

  before(async () => {
    h = await startApiHarness()
  })
  after(() => h.close())

  it('makes the old key stop working and the new one work', async () => {
    const shop = await h.store('Rotating')
    const newKey = await h.registry.rotateKey(shop.id)

    const old = await h.app.inject({ url: '/v1/store', headers: shop.auth })
    const fresh = await h.app.inject({
      url: '/v1/store',
      headers: { authorization: `Bearer ${newKey}` },
    })
    assert.equal(old.statusCode, 401)
    assert.equal(fresh.statusCode, 200)
    assert.equal(fresh.json().id, shop.id)
  })

  it('stores only a hash of the key', async () => {
    const { apiKey } = await h.registry.create('Hashed')
    const rows = await h.db.selectFrom('api_keys').select('key_hash').execute()
    assert.ok(rows.every((r) => r.key_hash !== apiKey && /^[0-9a-f]{64}$/.test(r.key_hash)))
  })
})

describe('compliance settings of a store', () => {
  let h: ApiHarness

  before(async () => {
    h = await startApiHarness()
  })
  after(() => h.close())

  const patch = (auth: { authorization: string }, payload: object) =>
    h.app.inject({ method: 'PATCH', url: '/v1/store', headers: auth, payload })

  it('starts from the defaults: promotions 08:00-21:00, one per 24 hours, default texts', async () => {
    const shop = await h.store('Defaults')
    const read = (await h.app.inject({ url: '/v1/store', headers: shop.auth })).json()

    assert.deepEqual(read.compliance, {
      quiet_hours: { start: '08:00', end: '21:00', transactional: false },
      frequency_cap: { messages: 1, window_hours: 24 },
      help_text: null,
      replies: { opt_out: null, opt_in: null, double_opt_in: null },
    })
  })

  it('changes only the settings given and keeps them', async () => {
    const shop = await h.store('Changing')
    await patch(shop.auth, { compliance: { quiet_hours: { start: '09:30' } } })
    const res = await patch(shop.auth, {
      compliance: {
        quiet_hours: { transactional: true },
        frequency_cap: { messages: 3, window_hours: 168 },
        help_text: '{store}: help at northwind.example/help',
        replies: { opt_out: 'Bye from {store}.' },
      },
    })

    assert.equal(res.statusCode, 200)
    const read = (await h.app.inject({ url: '/v1/store', headers: shop.auth })).json()
    assert.deepEqual(read.compliance, {
      quiet_hours: { start: '09:30', end: '21:00', transactional: true },
      frequency_cap: { messages: 3, window_hours: 168 },
      help_text: '{store}: help at northwind.example/help',
      replies: { opt_out: 'Bye from {store}.', opt_in: null, double_opt_in: null },
    })

    const cleared = await patch(shop.auth, {
      compliance: { frequency_cap: null, replies: { opt_out: null } },
    })
    assert.equal(cleared.json().compliance.frequency_cap, null)
    assert.equal(cleared.json().compliance.replies.opt_out, null)
  })

  it('refuses bad compliance settings all at once and keeps the old ones', async () => {
    const shop = await h.store('Strict compliance')
    const res = await patch(shop.auth, {
      compliance: {
        quiet_hours: { start: '25:00', end: '8pm' },
        help_text: '   ',
        replies: { opt_in: '' },
      },
    })
    const empty = await patch(shop.auth, { compliance: { quiet_hours: { start: '21:00' } } })
    const tooMany = await patch(shop.auth, {
      compliance: { frequency_cap: { messages: 0, window_hours: 24 }, colour: 'red' },
    })

    assert.equal(res.statusCode, 422)
    assert.deepEqual(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      [
        '/compliance/help_text',
        '/compliance/quiet_hours/end',
        '/compliance/quiet_hours/start',
        '/compliance/replies/opt_in',
      ],
    )
    assert.equal(empty.statusCode, 422)
    assert.equal(empty.json().errors[0].code, 'WINDOW_EMPTY')
    assert.deepEqual(
      tooMany
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['/compliance/colour', '/compliance/frequency_cap/messages'],
    )
    const read = (await h.app.inject({ url: '/v1/store', headers: shop.auth })).json()
    assert.equal(read.compliance.quiet_hours.start, '08:00')
  })
})
