import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../test/support/api-harness.js'

describe('reading requests', () => {
  let h: ApiHarness
  let auth: { authorization: string }

  before(async () => {
    h = await startApiHarness()
    auth = (await h.store('Northwind', { defaultCountry: 'US', defaultSender: 'Northwind' })).auth
  })
  after(() => h.close())

  it('refuses text holding a NUL character anywhere in a JSON body, naming where', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/messages',
      headers: auth,
      payload: { to: '+12025550143', body: 'Hello', metadata: { note: 'a\u0000b' } },
    })

    assert.equal(res.statusCode, 422)
    assert.deepEqual(
      res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['/metadata/note', 'TEXT_INVALID']],
    )
    const stored = await h.db.selectFrom('messages').select('id').execute()
    assert.deepEqual(stored, [])
  })

  it('answers a null line item with the field at fault, not a server error', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: auth,
      payload: {
        type: 'checkout.updated',
        checkout_id: 'c1',
        total: '1.00',
        currency: 'USD',
        updated_at: '2026-11-27T15:12:00Z',
        items: [null],
      },
    })

    assert.equal(res.statusCode, 422)
    assert.ok(
      res.json().errors.some((e: { field: string }) => e.field === '/items/0'),
      res.body,
    )
  })

  it('refuses a currency ISO 4217 does not list and a date before online shops', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: auth,
      payload: {
        type: 'checkout.updated',
        checkout_id: 'c2',
        total: '1.00',
        currency: 'ZZZ',
        updated_at: '0001-01-01T00:00:00Z',
        items: [],
      },
    })

    assert.equal(res.statusCode, 422)
    assert.deepEqual(
      res
        .json()
        .errors.map((e: { field: string; code: string }) => [e.field, e.code])
        .sort(),
      [
        ['/currency', 'CURRENCY_INVALID'],
        ['/updated_at', 'DATE_OUT_OF_RANGE'],
      ],
    )
  })

  for (const [url, detail] of [
    ['/r/%ZZ', 'the path is not valid percent-encoded UTF-8'],
    [`/v1/messages/${'m'.repeat(101)}`, 'a path segment is longer than 100 characters'],
  ] as const) {
    it(`answers an unreadable path (${url.slice(0, 16)}…) as problem JSON`, async () => {
      const res = await h.app.inject({ method: 'GET', url, headers: auth })

      assert.equal(res.statusCode, 400)
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
      assert.equal(res.json().type, '/problems/malformed-request')
      assert.equal(res.json().detail, detail)
    })
  }
})
