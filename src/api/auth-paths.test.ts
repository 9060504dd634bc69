import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../test/support/api-harness.js'

/**
 * The router decodes a path before matching it, so `/%761/store` reaches `/v1/store`. Every
 * way of writing a `/v1` path must need a key all the same, and change nothing without one.
 */
describe('authentication whatever the spelling of the path', () => {
  let h: ApiHarness

  before(async () => {
    h = await startApiHarness({})
  })
  after(() => h.close())

  it('answers 401 to an encoded /v1 path without a key', async () => {
    for (const url of ['/%761/carriers', '/v%31/store', '/%76%31/messages', '/v1%2Fstore']) {
      const res = await h.app.inject({ url })
      assert.ok([401, 404].includes(res.statusCode), `${url}: ${res.statusCode}`)
      if (res.statusCode === 401) assert.equal(res.json().code, 'UNAUTHORIZED', url)
    }
    const carriers = await h.app.inject({ url: '/%761/carriers' })
    assert.equal(carriers.statusCode, 401)
  })

  it('changes nothing through an encoded path without a key', async () => {
    const store = await h.store('Northwind')
    const res = await h.app.inject({
      method: 'PATCH',
      url: '/%761/flows/order_confirmation',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ enabled: false }),
    })
    assert.equal(res.statusCode, 401)
    const flow = await h.app.inject({ url: '/v1/flows/order_confirmation', headers: store.auth })
    assert.equal(flow.json().enabled, true)
  })

  it('serves an encoded path to its store with a key, as the plain one', async () => {
    const store = await h.store('Atelier')
    const res = await h.app.inject({ url: '/%761/store', headers: store.auth })
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().name, 'Atelier')
  })
})
