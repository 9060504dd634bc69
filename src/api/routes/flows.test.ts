import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'
import { checkoutEvent, SHOPPER } from '../../../test/support/flow-harness.js'
import { FlowEngine } from '../../automation/flows/index.js'
import { createLinkShortener } from '../../automation/links/index.js'
import { createTemplateRenderer } from '../../automation/templates/index.js'
import { ComplianceGate, createQuietHours } from '../../compliance/index.js'
import { loadPriceTable } from '../../messaging/index.js'
import { silentLogger } from '../../runtime/index.js'

const REMINDER =
  'Hi {{ customer.first_name | default: "there" }}, you left something in your cart at ' +
  '{{ store.name }}. Complete your order: {{ recovery_url }} Reply STOP to opt out.'

describe('/v1/flows', () => {
  let h: ApiHarness

  before(async () => {
    h = await startApiHarness()
  })
  after(() => h.close())

  const patch = async (auth: { authorization: string }, url: string, payload: object) =>
    h.app.inject({ method: 'PATCH', url, headers: auth, payload })

  it('lists the three flows with their defaults, abandoned checkout on only with a public base URL', async () => {
    const withUrl = await h.store('Northwind', { publicBaseUrl: 'https://northwind.example' })
    const without = await h.store('Southwind')

    const listed = (await h.app.inject({ url: '/v1/flows', headers: withUrl.auth })).json()
    assert.deepEqual(listed.discounts, { api_url: null, prefix: 'NUDGE-', has_credentials: false })
    assert.deepEqual(
      listed.flows.map((f: { id: string; category: string; enabled: boolean }) => [
        f.id,
        f.category,
        f.enabled,
      ]),
      [
        ['abandoned_checkout', 'marketing', true],
        ['order_confirmation', 'transactional', true],
        ['shipping_update', 'transactional', true],
      ],
    )
    assert.deepEqual(listed.flows[0].steps[0], {
      delay_minutes: 30,
      template: REMINDER,
      discount: null,
    })
    assert.deepEqual(
      [listed.flows[0].steps[1].delay_minutes, listed.flows[0].steps[1].discount],
      [1440, { type: 'percent', value: 10, expires_in_days: 7 }],
    )

    const other = (
      await h.app.inject({ url: '/v1/flows/abandoned_checkout', headers: without.auth })
    ).json()
    assert.equal(other.enabled, false)
  })

  it('changes a flow’s steps and switch, and shows them back', async () => {
    const shop = await h.store('Changing')
    const steps = [
      { delay_minutes: 60, template: REMINDER },
      {
        delay_minutes: 2880,
        template: 'Still there? {{ discount.code }} takes {{ discount.value }} off.',
        discount: { type: 'fixed', value: 5.5, expires_in_days: 3 },
      },
    ]
    const res = await patch(shop.auth, '/v1/flows/abandoned_checkout', { enabled: true, steps })

    assert.equal(res.statusCode, 200)
    const expected = {
      id: 'abandoned_checkout',
      category: 'marketing',
      enabled: true,
      steps: [
        { ...steps[0], discount: null },
        { ...steps[1], discount: { type: 'fixed', value: 5.5, expires_in_days: 3 } },
      ],
    }
    assert.deepEqual(res.json(), expected)
    const read = await h.app.inject({ url: '/v1/flows/abandoned_checkout', headers: shop.auth })
    assert.deepEqual(read.json(), expected)
  })

  it('refuses bad steps listing every problem at once, and keeps the flow as it was', async () => {
    const shop = await h.store('Strict', { publicBaseUrl: 'https://strict.example' })
    const res = await patch(shop.auth, '/v1/flows/abandoned_checkout', {
      steps: [
        { delay_minutes: '30', template: 42 },
        { delay_minutes: 20, template: 'Track {{ shipment.tracking_url }}' },
        { delay_minutes: 40, template: 'Code {{ discount.code }}' },
        {
          delay_minutes: 50,
          template: 'Hi {{ customer.first_name',
          discount: { type: 'percent', value: 150 },
        },
      ],
    })

    assert.equal(res.statusCode, 422)
    const problem = res.json()
    assert.equal(problem.code, 'VALIDATION_FAILED')
    assert.deepEqual(
      problem.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [
        ['/steps/0/delay_minutes', 'INVALID_TYPE'],
        ['/steps/0/template', 'INVALID_TYPE'],
        ['/steps', 'STEPS_COUNT'],
        ['/steps/1/template', 'TEMPLATE_UNKNOWN_VARIABLE'],
        ['/steps/2/discount', 'DISCOUNT_REQUIRED'],
        ['/steps/3/template', 'TEMPLATE_SYNTAX'],
        ['/steps/3/discount/value', 'OUT_OF_RANGE'],
      ],
    )
    assert.deepEqual(
      problem.errors.find((e: { field: string }) => e.field === '/steps/3/discount/value'),
      {
        field: '/steps/3/discount/value',
        code: 'OUT_OF_RANGE',
        message: 'must be a whole percentage from 1 to 100',
      },
    )
    const read = await h.app.inject({ url: '/v1/flows/abandoned_checkout', headers: shop.auth })
    assert.equal(read.json().steps[0].delay_minutes, 30)
  })

  it('keeps confirmations and shipping updates to one step that goes at once, without a discount', async () => {
    const shop = await h.store('Once')
    const res = await patch(shop.auth, '/v1/flows/order_confirmation', {
      steps: [
        { delay_minutes: 5, template: '{{ order.name }}', discount: { type: 'percent', value: 5 } },
        { delay_minutes: 0, template: '{{ order.name }} again' },
      ],
    })
    assert.equal(res.statusCode, 422)
    assert.deepEqual(
      res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [
        ['/steps', 'STEPS_COUNT'],
        ['/steps/0/delay_minutes', 'DELAY_NOT_ALLOWED'],
        ['/steps/0/discount', 'DISCOUNT_NOT_ALLOWED'],
      ],
    )
  })

  it('refuses a template that could never be sent: over a render limit, or too long', async () => {
    const shop = await h.store('Endless')
    const res = await patch(shop.auth, '/v1/flows/abandoned_checkout', {
      steps: [
        { delay_minutes: 30, template: '{% for i in (1..100000000) %}x{% endfor %}' },
        { delay_minutes: 60, template: '{{ checkout.items[0].title }} '.repeat(100) },
      ],
    })

    assert.equal(res.statusCode, 422)
    assert.deepEqual(
      res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [
        ['/steps/0/template', 'TEMPLATE_RENDER_FAILED'],
        ['/steps/1/template', 'TEMPLATE_TOO_LONG'],
      ],
    )
  })

  it('answers 404 for a flow that does not exist', async () => {
    const shop = await h.store('Lost')
    const res = await h.app.inject({ url: '/v1/flows/birthday', headers: shop.auth })
    assert.deepEqual([res.statusCode, res.json().code], [404, 'NOT_FOUND'])
  })

  it('connects discount codes to the store’s Shopify and never shows the token again', async () => {
    const shop = await h.store('Coded', { platform: 'shopify' })
    const res = await patch(shop.auth, '/v1/flows', {
      discounts: {
        api_url: 'https://coded.myshopify.com/',
        access_token: 'shpat_secret',
        prefix: 'CODED-',
      },
    })

    assert.equal(res.statusCode, 200)
    assert.deepEqual(res.json().discounts, {
      api_url: 'https://coded.myshopify.com',
      prefix: 'CODED-',
      has_credentials: true,
    })
    assert.doesNotMatch(res.body, /shpat_secret/)

    const bad = await patch(shop.auth, '/v1/flows', {
      discounts: { api_url: 'ftp://x', consumer_key: 'ck_1', prefix: 'lower' },
    })
    assert.equal(bad.statusCode, 422)
    assert.deepEqual(
      bad.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [
        ['/discounts/api_url', 'URL_INVALID'],
        ['/discounts/prefix', 'PREFIX_INVALID'],
        ['/discounts/consumer_key', 'CREDENTIALS_MISMATCH'],
      ],
    )
  })

  it('lists a flow’s runs, newest first, with their steps', async () => {
    const shop = await h.store('Running', { publicBaseUrl: 'https://running.example' })
    const hasher = h.hasher
    const engine = new FlowEngine({
      renderer: createTemplateRenderer(),
      shortener: createLinkShortener(),
      prices: loadPriceTable(),
      maxSegments: 10,
      gate: new ComplianceGate({ quietHours: await createQuietHours(), hasher }),
      webhookLifetimeMs: 60_000,
      logger: silentLogger(),
    })
    const nowMs = h.clock.now()
    await h.db
      .transaction()
      .execute((trx) => engine.handle(trx, checkoutEvent(shop.id, { updatedAtMs: nowMs }), nowMs))

    const res = await h.app.inject({
      url: '/v1/flows/abandoned_checkout/runs?limit=10',
      headers: shop.auth,
    })
    assert.equal(res.statusCode, 200)
    const [run] = res.json().data
    assert.deepEqual(
      { ...run, id: undefined },
      {
        id: undefined,
        status: 'active',
        reason: null,
        subject: 'c1-7a3f',
        phone: SHOPPER,
        order_id: null,
        generation: 1,
        started_at: '2026-11-27T15:30:00.000Z',
        updated_at: '2026-11-27T15:30:00.000Z',
        ended_at: null,
        steps: [
          {
            position: 1,
            generation: 1,
            status: 'pending',
            due_at: '2026-11-27T16:00:00.000Z',
            message_id: null,
            discount_code: null,
            attempts: 0,
            error: null,
          },
        ],
      },
    )
    assert.match(run.id, /^fr_/)
  })
})
