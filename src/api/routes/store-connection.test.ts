import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'

describe('a store’s platform settings', () => {
  let h: ApiHarness

  before(async () => {
    h = await startApiHarness()
  })
  after(() => h.close())

  const patch = (auth: { authorization: string }, payload: object) =>
    h.app.inject({ method: 'PATCH', url: '/v1/store', headers: auth, payload })

  it('starts as a custom store with no secret, base URL or zone', async () => {
    const store = await h.store('Plain')
    const read = (await h.app.inject({ url: '/v1/store', headers: store.auth })).json()

    assert.equal(read.platform, 'custom')
    assert.equal(read.platform_secret, null)
    assert.equal(read.public_base_url, null)
    assert.equal(read.time_zone, null)
  })

  it('keeps the platform secret exactly as given and the base URL without its slash', async () => {
    const store = await h.store('Northwind')

    const res = await patch(store.auth, {
      platform: 'shopify',
      platform_secret: ' 7f3a&b c ',
      public_base_url: 'https://northwind.example/shop/',
      time_zone: 'America/New_York',
    })

    assert.equal(res.statusCode, 200)
    assert.equal(res.json().platform, 'shopify')
    assert.equal(res.json().platform_secret, ' 7f3a&b c ')
    assert.equal(res.json().public_base_url, 'https://northwind.example/shop')
    assert.equal(res.json().time_zone, 'America/New_York')
  })

  it('makes a WooCommerce secret when switching to WooCommerce without one', async () => {
    const store = await h.store('Atelier')

    const res = await patch(store.auth, { platform: 'woocommerce' })
    const again = await patch(store.auth, { platform: 'woocommerce' })

    assert.match(res.json().platform_secret, /^wcsec_/)
    assert.equal(again.json().platform_secret, res.json().platform_secret)
  })

  it('refuses bad platform settings all at once and keeps the old ones', async () => {
    const store = await h.store('Strict platform')

    const res = await patch(store.auth, {
      platform: 'magento',
      platform_secret: '   ',
      public_base_url: 'https://shop.example/?utm=x',
      time_zone: 'Mars/Olympus',
    })

    assert.equal(res.statusCode, 422)
    assert.deepEqual(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['/platform', '/platform_secret', '/public_base_url', '/time_zone'],
    )
    const read = (await h.app.inject({ url: '/v1/store', headers: store.auth })).json()
    assert.equal(read.platform, 'custom')
  })
})
