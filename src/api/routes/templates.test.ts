import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'

const LONGEST_TITLE =
  'Ultralight Waterproof Trail Running Shoe with Reinforced Toe Cap, Recycled Mesh Upper and ' +
  'Vibram Outsole Limited Edition'

describe('POST /v1/templates/preview', () => {
  let h: ApiHarness
  let shop: Awaited<ReturnType<ApiHarness['store']>>

  before(async () => {
    h = await startApiHarness()
    shop = await h.store('Northwind', {
      defaultCountry: 'US',
      defaultSender: 'Northwind',
      publicBaseUrl: 'https://go.northwind.example',
    })
  })
  after(() => h.close())

  const preview = (body: unknown, headers: Record<string, string> = shop.auth) =>
    h.app.inject({ method: 'POST', url: '/v1/templates/preview', headers, payload: body as object })

  it('measures a GSM-7 message for the sample and the longest values, links as short links', async () => {
    const res = await preview({
      template:
        'Hi {{ customer.first_name }}, your {{ checkout.items[0].title }} is waiting: ' +
        '{{ recovery_url }}',
      flow: 'abandoned_checkout',
    })

    assert.equal(res.statusCode, 200)
    const body = res.json()
    // Every character is in the GSM 03.38 default alphabet, one septet each: 79 fit one
    // segment of 160; 221 need two of 153.
    assert.deepEqual(body.sample, {
      text: 'Hi Maya, your Trail Runner 2 is waiting: https://go.northwind.example/r/XXXXXXX',
      encoding: 'GSM-7',
      units: 79,
      units_per_segment: 160,
      segments: 1,
      // config/prices.json: US at 0.0079 USD per segment.
      price: { amount: '0.0079', currency: 'USD' },
      ucs2_characters: [],
    })
    assert.deepEqual(body.worst_case, {
      text:
        `Hi Maximiliana-Josefina Alexandra-Charlotte, your ${LONGEST_TITLE} is waiting: ` +
        'https://go.northwind.example/r/XXXXXXX',
      encoding: 'GSM-7',
      units: 221,
      units_per_segment: 153,
      segments: 2,
      price: { amount: '0.0158', currency: 'USD' },
      ucs2_characters: [],
    })
    assert.equal(body.country, 'US')
    assert.equal(body.links.shortened, true)
    assert.equal(body.links.short_link, 'https://go.northwind.example/r/XXXXXXX')
  })

  it('names each character that makes the message UCS-2, with its positions and code point', async () => {
    const res = await preview({
      template: 'Hi {{ customer.first_name }}, you’ve left something behind 🛒 {{ recovery_url }}',
      flow: 'abandoned_checkout',
      country: 'GB',
    })

    assert.equal(res.statusCode, 200)
    const { sample, worst_case: longest, country } = res.json()
    // UCS-2 counts UTF-16 code units: 77 characters, the emoji two units, 79 in all, more than
    // the 70 of one segment, so two segments of at most 67.
    assert.equal(sample.encoding, 'UCS-2')
    assert.equal(sample.units, 79)
    assert.equal(sample.units_per_segment, 67)
    assert.equal(sample.segments, 2)
    // config/prices.json: GB at 0.0400 USD per segment.
    assert.deepEqual(sample.price, { amount: '0.0800', currency: 'USD' })
    assert.equal(country, 'GB')
    assert.deepEqual(sample.ucs2_characters, [
      { character: '’', code_point: 'U+2019', positions: [12] },
      { character: '🛒', code_point: 'U+1F6D2', positions: [38] },
    ])
    assert.equal(longest.units, 115)
    assert.deepEqual(longest.ucs2_characters, [
      { character: '’', code_point: 'U+2019', positions: [48] },
      { character: '🛒', code_point: 'U+1F6D2', positions: [74] },
    ])
  })

  it('lays the given sample values over the built-in ones', async () => {
    const res = await preview({
      template: 'Hi {{ customer.first_name }} {{ customer.last_name }}',
      sample: { customer: { first_name: 'Zoë' } },
    })

    assert.equal(res.statusCode, 200)
    const { sample } = res.json()
    assert.equal(sample.text, 'Hi Zoë Okafor')
    // ë (U+00EB) is not in the GSM 03.38 default alphabet (è and é are, ë is not), so the
    // whole message becomes UCS-2.
    assert.equal(sample.encoding, 'UCS-2')
    assert.deepEqual(sample.ucs2_characters, [
      { character: 'ë', code_point: 'U+00EB', positions: [5] },
    ])
  })

  it('formats money in the sample currency', async () => {
    const res = await preview({
      template:
        'Total {{ checkout.total | money }}, {{ checkout.items[0].title }} at ' +
        '{{ checkout.items[0].price | money }}',
      flow: 'abandoned_checkout',
    })

    assert.equal(res.json().sample.text, 'Total $83.99, Trail Runner 2 at $59.99')
    assert.equal(res.json().worst_case.text, `Total $99,999.99, ${LONGEST_TITLE} at $9,999.99`)
  })

  it('lists every problem of an invalid template with its line and column', async () => {
    const res = await preview({
      template:
        'Hi {{ customer.frist_name }}\n{{ checkout.total | moneyy }} {{ shipment.tracking_url }}',
      flow: 'abandoned_checkout',
    })

    assert.equal(res.statusCode, 422)
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
    const problem = res.json()
    assert.equal(problem.type, '/problems/template-invalid')
    assert.equal(problem.code, 'TEMPLATE_INVALID')
    assert.deepEqual(
      problem.errors.map((e: { code: string; line: number; column: number }) => [
        e.code,
        e.line,
        e.column,
      ]),
      [
        ['UNKNOWN_VARIABLE', 1, 7],
        ['UNKNOWN_FILTER', 2, 21],
        ['UNKNOWN_VARIABLE', 2, 34],
      ],
    )
    assert.equal(problem.errors[0].field, '/template')
    assert.equal(
      problem.errors[0].message,
      'unknown variable `customer.frist_name`: fields are first_name, last_name',
    )
  })

  it('answers a syntax error with where it is', async () => {
    const res = await preview({ template: 'Hi {% if customer.first_name %}there' })

    assert.equal(res.statusCode, 422)
    assert.deepEqual(res.json().errors, [
      {
        field: '/template',
        code: 'SYNTAX',
        message: 'tag {% if customer.first_name %} not closed',
        line: 1,
        column: 4,
      },
    ])
  })

  it('answers a template that runs past its limits with its own problem', async () => {
    const res = await preview({ template: '{% for i in (1..100000000) %}x{% endfor %}' })

    assert.equal(res.statusCode, 422)
    assert.equal(res.json().type, '/problems/template-render-failed')
  })

  it('measures links as written for a store without a public base URL', async () => {
    const plain = await h.store('Plain Goods', { defaultCountry: 'US' })
    const res = await preview({ template: 'Track: {{ shipment.tracking_url }}' }, plain.auth)

    assert.equal(res.statusCode, 200)
    const body = res.json()
    assert.equal(body.sample.text, 'Track: https://www.ups.com/track?tracknum=1Z999AA10123456784')
    // "Track: " (7) and the 53-character URL, one GSM-7 septet each.
    assert.equal(body.sample.units, 60)
    assert.deepEqual(body.links.shortened, false)
    assert.equal(body.links.short_link, null)
  })

  it('refuses a body without a template, and a request without an API key', async () => {
    const invalid = await preview({ flow: 'birthday' })
    assert.equal(invalid.statusCode, 422)
    assert.equal(invalid.json().code, 'VALIDATION_FAILED')
    assert.deepEqual(
      invalid
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['/flow', '/template'],
    )

    const anonymous = await preview({ template: 'Hi' }, {})
    assert.equal(anonymous.statusCode, 401)
  })

  it('is described in the OpenAPI document with its problem answers', async () => {
    const document = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json()
    const operation = document.paths['/v1/templates/preview'].post
    assert.ok(operation.responses['200'])
    assert.ok(operation.responses['422'])
    assert.ok(document.paths['/r/{code}'].get)
    assert.deepEqual(document.paths['/r/{code}'].get.security, [])
  })
})
