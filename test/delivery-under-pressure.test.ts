import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import type { SimulatorStats } from '../src/carriers/index.js'
import { startNudge, type RunningNudge } from '../src/cli/start-nudge.js'
import { loadConfig } from '../src/config/index.js'
import { silentLogger } from '../src/runtime/index.js'
import { tempDir, writeJson } from './support/temp-files.js'
import { WebhookReceiver } from './support/webhook-receiver.js'

const SEGMENTS_PER_SECOND = 40

/**
 * The engine when the outside world pushes back: a carrier limit, an SMSC that throttles,
 * and a store endpoint that keeps failing.
 */
describe('delivery under pressure', () => {
  let nudge: RunningNudge
  let control = ''
  let secret = ''
  const hooks = new WebhookReceiver(() => secret)
  let headers: Record<string, string> = {}

  before(async () => {
    const dir = tempDir('pressure')
    const configFile = writeJson(dir, 'nudge.json', {
      simulator: { receiptDelayMs: 10, segmentsPerSecond: SEGMENTS_PER_SECOND, window: 10 },
      webhooks: {
        initialDelaySeconds: 0.05,
        multiplier: 1,
        maxDelaySeconds: 0.05,
        giveUpAfterSeconds: 0.3,
      },
    })
    const config = loadConfig({ config: configFile, db: join(dir, 'nudge.db'), port: '0' }, {})
    nudge = await startNudge({ config, logger: silentLogger() })
    control = `http://127.0.0.1:${nudge.simulator!.controlPort}`

    const { store, apiKey } = await nudge.registry.create('Pressure')
    secret = store.webhookSecret
    headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
    const url = await hooks.start()
    // Through the API, as a store would: the sending side sees the change at once.
    const patched = await fetch(`${nudge.apiUrl}/v1/store`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ default_sender: 'Pressure', webhook_url: url }),
    })
    assert.equal(patched.status, 200)
  })

  after(async () => {
    await nudge.close()
    await hooks.close()
  })

  async function send(body: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await fetch(`${nudge.apiUrl}/v1/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ to: '+12025550143', body, ...extra }),
    })
    assert.equal(res.status, 202)
    return ((await res.json()) as { id: string }).id
  }

  async function statusOf(id: string): Promise<string> {
    const res = await fetch(`${nudge.apiUrl}/v1/messages/${id}`, { headers })
    return ((await res.json()) as { status: string }).status
  }

  async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it('keeps every one-second window within the route limit of segments per second', async () => {
    await fetch(`${control}/reset`, { method: 'POST' })
    // 60 messages of 2 segments each: 120 segments, three seconds of traffic at the limit.
    const body = 'Flash sale: '.padEnd(200, '*')
    const ids = await Promise.all(Array.from({ length: 60 }, (_, i) => send(`${i} ${body}`)))
    await until(async () => (await statusOf(ids[ids.length - 1]!)) === 'delivered', 15_000)

    const stats = (await (await fetch(`${control}/stats`)).json()) as SimulatorStats
    assert.equal(stats.submits, 120)
    assert.ok(
      stats.maxSegmentsPerSecond <= SEGMENTS_PER_SECOND,
      `saw ${stats.maxSegmentsPerSecond} segments in one second`,
    )
  })

  it('holds messages back while the SMSC throttles and sends them once it stops', async () => {
    await fetch(`${control}/throttle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'all', status: 'ESME_RTHROTTLED' }),
    })
    const id = await send('Your parcel is out for delivery')
    await new Promise((resolve) => setTimeout(resolve, 400))
    assert.equal(await statusOf(id), 'sending')

    await fetch(`${control}/throttle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'off' }),
    })
    await until(async () => (await statusOf(id)) === 'delivered', 15_000)
  })

  it('dead-letters a webhook the store keeps refusing and replays it on request', async () => {
    hooks.answers = Array.from({ length: 40 }, () => 500)
    const id = await send('Order #1042 confirmed')

    let failed: { id: string; url: string; last_status_code: number }[] = []
    await until(async () => {
      const res = await fetch(`${nudge.apiUrl}/v1/webhook-deliveries?state=failed`, { headers })
      failed = ((await res.json()) as { data: typeof failed }).data
      return failed.length > 0
    }, 10_000)
    assert.equal(failed[0]?.last_status_code, 500)

    hooks.answers = []
    for (const delivery of failed) {
      const retried = await fetch(`${nudge.apiUrl}/v1/webhook-deliveries/${delivery.id}/retry`, {
        method: 'POST',
        headers: { authorization: headers.authorization! },
      })
      assert.equal(retried.status, 200)
    }
    const hook = await hooks.waitFor((w) => w.body.data.id === id)
    assert.equal(hook.signatureValid, true)

    const unknown = await fetch(`${nudge.apiUrl}/v1/webhook-deliveries/whd_nope/retry`, {
      method: 'POST',
      headers: { authorization: headers.authorization! },
    })
    assert.equal(unknown.status, 404)
  })
})
