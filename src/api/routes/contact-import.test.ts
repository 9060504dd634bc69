import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'

describe('POST /v1/contacts/import', () => {
  let h: ApiHarness
  let shop: Awaited<ReturnType<ApiHarness['store']>>

  before(async () => {
    h = await startApiHarness()
    shop = await h.store('Northwind', { defaultCountry: 'US', defaultSender: '+12025550100' })
  })
  after(() => h.close())

  const upload = (csv: string, contentType = 'text/csv') =>
    h.app.inject({
      method: 'POST',
      url: '/v1/contacts/import',
      headers: { ...shop.auth, 'content-type': contentType },
      payload: csv,
    })
  const countContacts = async () =>
    Number(
      (
        await h.db
          .selectFrom('contacts')
          .select(h.db.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('reports every bad row by line number and imports nothing', async () => {
    const csv = [
      'phone,evidence,collected_at,scope,time_zone',
      '+12025550170,Text me offers,2026-11-01T10:00:00Z,marketing,America/New_York',
      '12,Text me offers,,,',
      '+12025550171,,,,',
      '"+12025550172","Offers, news and more",yesterday,,',
      '(202) 555-0173,Text me offers,,everything,Mars/Olympus',
      '+12025550174,Text me offers,,,',
    ].join('\r\n')

    const res = await upload(csv)

    assert.equal(res.statusCode, 422)
    const problem = res.json()
    assert.equal(problem.type, '/problems/contact-import-invalid')
    assert.equal(problem.detail, '4 bad row(s) at line(s) 3, 4, 5, 6; nothing was imported')
    assert.deepEqual(
      problem.errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`),
      [
        '/lines/3/phone PHONE_NOT_POSSIBLE',
        '/lines/4/evidence EVIDENCE_REQUIRED',
        '/lines/5/collected_at DATE_INVALID',
        '/lines/6/scope INVALID',
        '/lines/6/time_zone TIME_ZONE_INVALID',
      ],
    )
    assert.equal(await countContacts(), 0)
  })

  it('counts lines of quoted fields that hold line breaks', async () => {
    const csv = 'phone,evidence\n+12025550175,"Offers\nby text"\n+1202,Offers\n'
    const res = await upload(csv)

    assert.deepEqual(
      res.json().errors.map((e: { field: string }) => e.field),
      ['/lines/4/phone'],
    )
  })

  it('refuses evidence longer than the consent API takes, and imports nothing', async () => {
    const before = await countContacts()
    const csv =
      'phone,evidence,user_agent\n' +
      '+12025550177,Offers by text,Mozilla/5.0\n' +
      `+12025550178,${'x'.repeat(2001)},${'y'.repeat(1001)}\n`
    const res = await upload(csv)

    assert.equal(res.statusCode, 422)
    assert.deepEqual(
      res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [
        ['/lines/3/evidence', 'TOO_LONG'],
        ['/lines/3/user_agent', 'TOO_LONG'],
      ],
    )
    assert.equal(await countContacts(), before)
  })

  it('requires the evidence column', async () => {
    const res = await upload('phone,scope\n+12025550176,marketing\n')

    assert.equal(res.statusCode, 422)
    assert.deepEqual(res.json().errors, [
      {
        field: '/lines/1/evidence',
        code: 'COLUMN_REQUIRED',
        message: 'is required: the consent wording each person agreed to, as proof of consent',
      },
    ])
  })

  it('imports a clean file in one go, opt-ins and opt-outs, with their evidence', async () => {
    const csv = [
      'phone,evidence,action,scope,collected_at,page_url,ip,country_code,province_code,zip',
      '+12025550177,Text me offers,opt_in,marketing,2026-10-01T12:00:00Z,https://northwind.example/join,198.51.100.4,US,DC,20001',
      '2025550178,,opt_out,all,,,,,,',
    ].join('\n')

    const res = await upload(csv)

    assert.equal(res.statusCode, 200)
    assert.deepEqual(res.json(), { imported: 2, opted_in: 1, opted_out: 1 })
    const first = (
      await h.app.inject({ url: '/v1/contacts/%2B12025550177', headers: shop.auth })
    ).json()
    assert.equal(first.marketing, 'opted_in')
    assert.deepEqual(first.shipping_address, {
      country_code: 'US',
      province_code: 'DC',
      zip: '20001',
    })
    assert.equal(first.consent_history[0].source, 'import')
    assert.equal(first.consent_history[0].evidence.collected_at, '2026-10-01T12:00:00.000Z')
    assert.equal(first.consent_history[0].evidence.ip, '198.51.100.4')
    const second = (
      await h.app.inject({ url: '/v1/contacts/%2B12025550178', headers: shop.auth })
    ).json()
    assert.equal(second.opted_out_of_all, true)
  })

  it('wants CSV, not JSON', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/contacts/import',
      headers: shop.auth,
      payload: { phone: '+12025550179' },
    })
    assert.equal(res.statusCode, 415)
    assert.equal(res.json().code, 'CSV_REQUIRED')
  })
})
