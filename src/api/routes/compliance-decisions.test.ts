import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'

describe('GET /v1/compliance/decisions', () => {
  let h: ApiHarness
  let shop: Awaited<ReturnType<ApiHarness['store']>>
  const sent: { id: string; status: string }[] = []

  before(async () => {
    // Starts at 15:30 UTC, 10:30 in Washington.
    h = await startApiHarness()
    shop = await h.store('Northwind', { defaultCountry: 'US', defaultSender: '+12025550100' })
    await call('/v1/contacts/%2B12025550190/consent', {
      action: 'opt_in',
      evidence: { wording: 'Offers by text' },
    })
    const send = async (body: object) => {
      h.clock.advance(1000)
      sent.push((await call('/v1/messages', body)).json())
    }
    await send({ to: '+12025550190', body: 'Sale', category: 'marketing' })
    await send({ to: '+12025550190', body: 'Second sale', category: 'marketing' })
    await send({ to: '+12025550191', body: 'Sale', category: 'marketing' })
    await send({ to: '+12025550190', body: 'Receipt' })
    // 03:00 UTC the next day is 22:00 in Washington: quiet hours.
    h.clock.set(Date.parse('2026-11-28T03:00:00Z'))
    await send({ to: '+12025550192', body: 'Order shipped' })
  })
  after(() => h.close())

  function call(url: string, payload?: object) {
    return payload === undefined
      ? h.app.inject({ url, headers: shop.auth })
      : h.app.inject({ method: 'POST', url, headers: shop.auth, payload })
  }

  it('lists each decision with its reason, rule and the local time judged at, newest first', async () => {
    const res = await call('/v1/compliance/decisions?phone=%2B12025550190')

    assert.equal(res.statusCode, 200)
    const rows = res
      .json()
      .data.map((d: { decision: string; reason: string | null; rule: string }) => [
        d.decision,
        d.reason,
        d.rule,
      ])
    assert.deepEqual(rows, [
      ['allowed', null, 'transactional'],
      ['suppressed', 'FREQUENCY_CAP', 'frequency_cap:1/24h'],
      ['allowed', null, 'allowed'],
    ])
    const first = res.json().data[2]
    assert.equal(first.message_id, sent[0]?.id)
    assert.equal(first.phone, '+12025550190')
    assert.equal(first.category, 'marketing')
    assert.deepEqual(first.zones, ['America/New_York'])
    assert.equal(first.zone_source, 'phone_number')
    assert.deepEqual(first.local_times, ['2026-11-27T10:30:01-05:00'])
    assert.equal(first.release_at, null)
    assert.equal(first.created_at, '2026-11-27T15:30:01.000Z')
  })

  it('pages with a cursor and filters by time', async () => {
    const page1 = await call('/v1/compliance/decisions?limit=3')
    const page2 = await call(`/v1/compliance/decisions?limit=3&cursor=${page1.json().next_cursor}`)
    const ids = [...page1.json().data, ...page2.json().data].map((d: { id: string }) => d.id)

    assert.equal(ids.length, 5)
    assert.equal(new Set(ids).size, 5)
    assert.equal(page2.json().next_cursor, null)

    const late = await call('/v1/compliance/decisions?since=2026-11-28T00:00:00Z')
    assert.deepEqual(
      late.json().data.map((d: { phone: string; decision: string }) => [d.phone, d.decision]),
      [['+12025550192', 'allowed']],
    )
  })

  it('refuses a bad number or date', async () => {
    const res = await call('/v1/compliance/decisions?phone=12')
    const date = await call('/v1/compliance/decisions?since=yesterday')
    assert.equal(res.statusCode, 422)
    assert.equal(res.json().errors[0].field, '/phone')
    assert.equal(date.json().errors[0].field, '/since')
  })
})
