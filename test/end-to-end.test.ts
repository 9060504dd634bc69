import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startNudge, type RunningNudge } from '../src/cli/start-nudge.js'
import type { SubmittedRecord } from '../src/carriers/index.js'
import { loadConfig } from '../src/config/index.js'
import type { MessageResource } from '../src/messaging/index.js'
import { silentLogger } from '../src/runtime/index.js'
import { tempDir, writeJson } from './support/temp-files.js'
import { WebhookReceiver } from './support/webhook-receiver.js'

/**
 * The whole engine in one process, over real sockets: HTTP API → SQLite queue → SMPP to the
 * built-in simulator → delivery receipt → signed webhook to a local endpoint.
 */
describe('a message from API to handset and back', () => {
  let nudge: RunningNudge
  let auth: { authorization: string }
  let secret = ''
  const hooks = new WebhookReceiver(() => secret)
  let control = ''

  before(async () => {
    const dir = tempDir('e2e')
    const configFile = writeJson(dir, 'nudge.json', {
      simulator: { receiptDelayMs: 30, segmentsPerSecond: 1000, window: 20 },
      webhooks: { initialDelaySeconds: 0.05, multiplier: 1, maxDelaySeconds: 0.05 },
    })
    const config = loadConfig({ config: configFile, db: join(dir, 'nudge.db'), port: '0' }, {})
    nudge = await startNudge({ config, logger: silentLogger() })
    control = `http://127.0.0.1:${nudge.simulator!.controlPort}`

    const { store, apiKey } = await nudge.registry.create('Northwind Outfitters')
    secret = store.webhookSecret
    auth = { authorization: `Bearer ${apiKey}` }
    const webhookUrl = await hooks.start()
    const patched = await api('PATCH', '/v1/store', {
      webhook_url: webhookUrl,
      default_sender: 'Northwind',
      default_country: 'US',
    })
    assert.equal(patched.status, 200)
  })

  after(async () => {
    await nudge.close()
    await hooks.close()
  })

  async function submitted(): Promise<SubmittedRecord[]> {
    return (await (await fetch(`${control}/submitted?limit=1000`)).json()) as SubmittedRecord[]
  }

  /** The fields these tests read from API answers: messages, pages and events. */
  interface Answer extends Partial<MessageResource> {
    readonly data: (MessageResource & { readonly data: MessageResource })[]
    readonly next_cursor: string
  }

  async function api(method: string, path: string, body?: unknown) {
    const res = await fetch(`${nudge.apiUrl}${path}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, json: (await res.json()) as Answer }
  }

  it('delivers a two-segment message and signs every status webhook', async () => {
    const body = `Hi Mara, your cart is waiting: ${'Alpine Wool Beanie, Trail Socks. '.repeat(5)}`
    const sent = await api('POST', '/v1/messages', { to: '(202) 555-0143', body })
    assert.equal(sent.status, 202)
    assert.equal(sent.json.segments, 2)
    const id = sent.json.id as string

    const delivered = await hooks.waitFor(
      (w) => w.body.data.id === id && w.body.data.status === 'delivered',
    )
    assert.equal(delivered.signatureValid, true)
    assert.equal(delivered.eventType, 'message.status')

    const statuses = hooks.received
      .filter((w) => w.body.data.id === id)
      .map((w) => w.body.data.status)
    assert.deepEqual(statuses, ['sent', 'delivered'])
    assert.ok(hooks.received.every((w) => w.signatureValid))

    const read = await api('GET', `/v1/messages/${id}`)
    assert.equal(read.json.status, 'delivered')
    assert.ok(read.json.sent_at !== null && read.json.done_at !== null)

    // What went over the wire (SMPP 3.4 §5.2.12, GSM 03.38): two parts with one reference,
    // UDH 05 00 03, esm_class 0x40, data_coding 0, receipts requested.
    const parts = (await submitted()).filter(
      (r) => r.text.startsWith('Hi Mara') || r.concat?.seq === 2,
    )
    assert.equal(parts.length, 2)
    for (const part of parts) {
      assert.equal(part.recipient, '12025550143')
      assert.equal(part.dataCoding, 0)
      assert.equal(part.esmClass & 0x40, 0x40)
      assert.equal(part.registeredDelivery, 1)
      assert.match(part.shortMessageHex, /^050003/)
    }
    const udhs = parts.map((p) => p.concat!)
    assert.equal(udhs[0]?.reference, udhs[1]?.reference)
    assert.deepEqual(udhs.map((u) => u.seq).sort(), [1, 2])
    assert.equal(parts.map((p) => p.text).join(''), body)
  })

  it('lets a store reconcile every status change through the event log', async () => {
    const sent = await api('POST', '/v1/messages', {
      to: '+12025550143',
      body: 'Order #1042 confirmed',
    })
    const id = sent.json.id as string
    await hooks.waitFor((w) => w.body.data.id === id && w.body.data.status === 'delivered')

    const events: Answer['data'] = []
    let cursor: string | undefined
    for (let page = 0; page < 20; page++) {
      const res = await api('GET', `/v1/events?limit=2${cursor ? `&after=${cursor}` : ''}`)
      events.push(...res.json.data)
      if (res.json.data.length === 0) break
      cursor = res.json.next_cursor
    }
    const mine = events.filter((e) => e.data.id === id).map((e) => e.data.status)
    assert.deepEqual(mine, ['sent', 'delivered'])
  })

  it('keeps a final status when a contradicting receipt arrives later', async () => {
    const sent = await api('POST', '/v1/messages', {
      to: '+12025550144',
      body: 'Your code is 4242',
    })
    const id = sent.json.id as string
    await hooks.waitFor((w) => w.body.data.id === id && w.body.data.status === 'delivered')

    // A second receipt for the same message says UNDELIV: a final status never changes.
    const smscId = (await submitted()).find((r) => r.recipient === '12025550144')?.smscMessageId
    assert.ok(smscId !== undefined)
    await fetch(`${control}/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message_id: smscId,
        text: `id:${smscId} sub:001 dlvrd:000 submit date:2611271530 done date:2611271645 stat:UNDELIV err:001 text:`,
      }),
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    assert.equal((await api('GET', `/v1/messages/${id}`)).json.status, 'delivered')
  })

  it('stores a reply as an inbound message and posts it to the store', async () => {
    const res = await fetch(`${control}/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        from: '12025550143',
        to: 'Northwind',
        text: 'Is the beanie in blue?',
      }),
    })
    assert.ok(res.status < 300)

    const hook = await hooks.waitFor((w) => w.eventType === 'message.inbound')
    assert.equal(hook.signatureValid, true)
    assert.equal(hook.body.data.direction, 'inbound')
    assert.equal(hook.body.data.from, '+12025550143')
    assert.equal(hook.body.data.body, 'Is the beanie in blue?')

    const list = await api('GET', '/v1/messages?to=%2B12025550143&limit=200')
    assert.ok(list.json.data.some((m: { direction: string }) => m.direction === 'inbound'))
  })

  it('serves an OpenAPI 3.1 document generated from the request schemas', async () => {
    const doc = (await (await fetch(`${nudge.apiUrl}/openapi.json`)).json()) as {
      openapi: string
      paths: Record<
        string,
        { post: { requestBody: { content: Record<string, { schema: { properties: object } }> } } }
      >
    }
    assert.equal(doc.openapi, '3.1.0')
    const send = doc.paths['/v1/messages']!.post
    assert.deepEqual(
      Object.keys(send.requestBody.content['application/json']!.schema.properties).sort(),
      ['body', 'category', 'from', 'metadata', 'send_at', 'status_callback', 'to'],
    )
    const docs = await fetch(`${nudge.apiUrl}/docs`, { redirect: 'manual' })
    assert.ok(docs.status === 200 || docs.status === 302)
  })

  it('exposes queue depth, binds and submit latency as Prometheus metrics', async () => {
    const text = await (await fetch(`${nudge.apiUrl}/metrics`)).text()
    assert.match(text, /nudge_binds_up\{route="simulator"\} 1/)
    assert.match(text, /nudge_queue_depth\{status="queued"\} \d+/)
    assert.match(text, /nudge_submit_latency_seconds_count \d+/)
    assert.match(text, /nudge_messages\{direction="outbound",status="delivered"\} \d+/)
  })
})
