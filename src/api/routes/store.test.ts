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
