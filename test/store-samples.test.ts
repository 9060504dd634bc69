import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startNudge, type RunningNudge } from '../src/cli/start-nudge.js'
import { loadConfig } from '../src/config/index.js'
import { ScaledClock, silentLogger } from '../src/runtime/index.js'
import { tempDir, writeJson } from './support/temp-files.js'
import { sleep } from './support/wait-for-final.js'

/** Noon in Washington on a Wednesday: inside the sample number's sending window. */
const START_MS = Date.parse('2026-06-10T12:00:00-04:00')
const MINUTE = 60_000
const PHONE = '+12025550177'

interface Answer {
  readonly status: number
  readonly body: Record<string, unknown>
}

/**
 * The sample events the dashboard's Connect page sends: a signed Shopify checkout through the
 * store's real webhook route starts cart recovery, whose reminder reaches the SMSC simulator;
 * the sample order then ends the run and is counted as recovered revenue.
 */
describe('sample store events', () => {
  const dir = tempDir('samples')
  const clock = new ScaledClock(START_MS)
  let nudge: RunningNudge
  let shopify: Record<string, string>
  let custom: Record<string, string>
  let unsigned: Record<string, string>

  before(async () => {
    const configFile = writeJson(dir, 'nudge.json', {
      simulator: { receiptDelayMs: 30, segmentsPerSecond: 1000, window: 20 },
    })
    const config = loadConfig({ config: configFile, db: join(dir, 'nudge.db'), port: '0' }, {})
    nudge = await startNudge({ config, logger: silentLogger(), clock })
    const authOf = async (
      name: string,
      connection: Parameters<RunningNudge['registry']['create']>[1],
    ) => {
      const { apiKey } = await nudge.registry.create(name, connection)
      const auth = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
      const settings = { default_sender: '+12025550100', default_country: 'US' }
      await call(auth, 'PATCH', '/v1/store', settings)
      return auth
    }
    shopify = await authOf('Northwind', {
      platform: 'shopify',
      platformSecret: 'shpss_samples_secret',
      publicBaseUrl: nudge.apiUrl,
    })
    custom = await authOf('Atelier', { platform: 'custom', publicBaseUrl: nudge.apiUrl })
    unsigned = await authOf('Unsigned', { platform: 'shopify', publicBaseUrl: nudge.apiUrl })
  })
  after(() => nudge.close())

  async function call(
    headers: Record<string, string>,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Answer> {
    const res = await fetch(`${nudge.apiUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Answer['body']) }
  }

  it('lists the webhook addresses and says no webhook came yet', async () => {
    const { status, body } = await call(shopify, 'GET', '/v1/store/connection')
    assert.equal(status, 200)
    assert.equal(body['platform'], 'shopify')
    assert.equal(body['last_webhook'], null)
    assert.equal(body['webhooks_received_24h'], 0)
    const urls = body['webhook_urls'] as { topic: string; url: string }[]
    assert.deepEqual(
      urls.map((u) => u.topic),
      [
        'checkouts/create',
        'checkouts/update',
        'orders/create',
        'orders/paid',
        'fulfillments/create',
        'fulfillments/update',
      ],
    )
    assert.match(urls[0]!.url, /^http:\/\/127\.0\.0\.1:\d+\/v1\/stores\/st_\w+\/shopify\/webhooks$/)
  })

  it('refuses what it cannot send, and changes nothing', async () => {
    const noSecret = await call(unsigned, 'POST', '/v1/store/samples/checkout', {})
    assert.equal(noSecret.status, 409)
    assert.equal(noSecret.body['code'], 'SAMPLE_UNAVAILABLE')

    const orderFirst = await call(shopify, 'POST', '/v1/store/samples/order', { phone: PHONE })
    assert.equal(orderFirst.status, 409)
    assert.equal(orderFirst.body['code'], 'SAMPLE_UNAVAILABLE')

    const badPhone = await call(shopify, 'POST', '/v1/store/samples/checkout', { phone: '12' })
    assert.equal(badPhone.status, 422)
    assert.equal((badPhone.body['errors'] as { field: string }[])[0]!.field, '/phone')

    const unknown = await call(shopify, 'POST', '/v1/store/samples/refund', {})
    assert.equal(unknown.status, 404)

    const connection = await call(shopify, 'GET', '/v1/store/connection')
    assert.equal(connection.body['last_webhook'], null)
  })

  it('a signed sample checkout starts cart recovery, and its order is recovered revenue', async () => {
    const checkout = await call(shopify, 'POST', '/v1/store/samples/checkout', {
      phone: '(202) 555-0177',
    })
    assert.equal(checkout.status, 202)
    assert.equal(checkout.body['topic'], 'checkouts/create')
    assert.equal(checkout.body['status_code'], 200, JSON.stringify(checkout.body['answer']))
    assert.equal((checkout.body['answer'] as { outcome: string }).outcome, 'accepted')

    const connection = await call(shopify, 'GET', '/v1/store/connection')
    const last = connection.body['last_webhook'] as { topic: string; source: string; at: string }
    assert.equal(last.topic, 'checkouts/create')
    assert.equal(last.source, 'shopify')
    assert.equal(connection.body['webhooks_received_24h'], 1)

    // Half an hour later the reminder goes out and is delivered.
    clock.fastForward(clock.now() + 31 * MINUTE, 600)
    const deadline = Date.now() + 20_000
    let delivered: { status: string; body: string }[] = []
    while (delivered.length === 0) {
      assert.ok(Date.now() < deadline, 'the reminder is delivered within 20 s')
      await sleep(200)
      const page = await call(shopify, 'GET', `/v1/messages?to=${encodeURIComponent(PHONE)}`)
      delivered = (page.body['data'] as { status: string; body: string }[]).filter(
        (m) => m.status === 'delivered',
      )
    }
    assert.match(delivered[0]!.body, /Mara/)

    const order = await call(shopify, 'POST', '/v1/store/samples/order', { phone: PHONE })
    assert.equal(order.status, 202)
    assert.equal(order.body['topic'], 'orders/create')
    assert.equal(order.body['status_code'], 200)

    const runs = await call(shopify, 'GET', '/v1/flows/abandoned_checkout/runs')
    const run = (runs.body['data'] as { status: string }[])[0]!
    assert.equal(run.status, 'converted')
    const summary = await call(
      shopify,
      'GET',
      '/v1/analytics/summary?from=2026-06-01&to=2026-06-30',
    )
    assert.deepEqual(summary.body['revenue'], [{ amount: '62.2100', currency: 'USD' }])
    assert.deepEqual((summary.body['orders'] as { by_method: object }).by_method, {
      checkout: 1,
      discount_code: 0,
      click: 0,
    })
  })

  it('a store on the event API gets its samples through /v1/events with the caller’s key', async () => {
    const checkout = await call(custom, 'POST', '/v1/store/samples/checkout')
    assert.equal(checkout.status, 202)
    assert.equal(checkout.body['topic'], 'checkout.updated')
    assert.ok((checkout.body['status_code'] as number) < 300, JSON.stringify(checkout.body))

    const contact = await call(custom, 'GET', `/v1/contacts/${encodeURIComponent('+12025550143')}`)
    assert.equal(contact.body['marketing'], 'opted_in')
    const history = contact.body['consent_history'] as { source: string }[]
    assert.equal(history[0]!.source, 'checkout')

    const order = await call(custom, 'POST', '/v1/store/samples/order', {})
    assert.equal(order.body['topic'], 'order.placed')
    assert.ok((order.body['status_code'] as number) < 300, JSON.stringify(order.body))
    const connection = await call(custom, 'GET', '/v1/store/connection')
    assert.equal((connection.body['last_webhook'] as { topic: string }).topic, 'order.placed')
    assert.equal(connection.body['webhooks_received_24h'], 2)
  })
})
