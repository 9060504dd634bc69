import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import type { SubmittedRecord } from '../src/carriers/index.js'
import { startNudge, type RunningNudge } from '../src/cli/start-nudge.js'
import { loadConfig } from '../src/config/index.js'
import { silentLogger } from '../src/runtime/index.js'
import { tempDir, writeJson } from './support/temp-files.js'

const CUSTOMER = '12025550143'
const STORE_NUMBER = '12025550100'
const OPT_OUT_EN =
  'Northwind: You are unsubscribed and will receive no more messages. Reply START to resubscribe.'

/**
 * A customer texts STOP from a handset: the SMSC simulator sends it as a `deliver_sm` over a
 * real SMPP bind, Nudge answers with one confirmation from the store's number, and from then
 * on nothing more reaches that handset.
 */
describe('an opt-out texted from a handset', () => {
  let nudge: RunningNudge
  let auth: { authorization: string }
  let control = ''

  before(async () => {
    const dir = tempDir('opt-out')
    const configFile = writeJson(dir, 'nudge.json', {
      simulator: { receiptDelayMs: 20, segmentsPerSecond: 1000, window: 20 },
    })
    const config = loadConfig({ config: configFile, db: join(dir, 'nudge.db'), port: '0' }, {})
    nudge = await startNudge({ config, logger: silentLogger() })
    control = `http://127.0.0.1:${nudge.simulator!.controlPort}`

    const { apiKey } = await nudge.registry.create('Northwind')
    auth = { authorization: `Bearer ${apiKey}` }
    await api('PATCH', '/v1/store', { default_sender: `+${STORE_NUMBER}`, default_country: 'US' })
    await api('POST', `/v1/contacts/%2B${CUSTOMER}/consent`, {
      action: 'opt_in',
      source: 'checkout',
      evidence: { wording: 'Text me offers from Northwind' },
    })
  })

  after(() => nudge.close())

  async function api(method: string, path: string, body?: unknown) {
    const res = await fetch(`${nudge.apiUrl}${path}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, json: (await res.json()) as Record<string, unknown> }
  }

  async function submittedToCustomer(): Promise<SubmittedRecord[]> {
    const all = (await (await fetch(`${control}/submitted?limit=1000`)).json()) as SubmittedRecord[]
    return all.filter((r) => r.recipient === CUSTOMER)
  }

  async function waitForSubmits(count: number, timeoutMs = 10_000): Promise<SubmittedRecord[]> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const records = await submittedToCustomer()
      if (records.length >= count || Date.now() > deadline) return records
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it('answers STOP with exactly one confirmation and suppresses a later promotion', async () => {
    const sent = await fetch(`${control}/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: CUSTOMER, to: STORE_NUMBER, text: 'STOP' }),
    })
    assert.equal(sent.status, 200)

    const [confirmation] = await waitForSubmits(1)
    assert.equal(confirmation?.text, OPT_OUT_EN)
    assert.equal(confirmation?.sender, STORE_NUMBER)

    const promotion = await api('POST', '/v1/messages', {
      to: `+${CUSTOMER}`,
      body: 'Winter sale: 20% off everything',
      category: 'marketing',
    })
    assert.equal(promotion.status, 202)
    assert.equal(promotion.json['status'], 'suppressed')
    assert.equal(promotion.json['reason'], 'OPTED_OUT')

    // Anything that would still go out has had time to reach the simulator.
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.deepEqual(
      (await submittedToCustomer()).map((r) => r.text),
      [OPT_OUT_EN],
    )
    const contact = await api('GET', `/v1/contacts/%2B${CUSTOMER}`)
    assert.equal(contact.json['opted_out_of_all'], true)

    const metrics = await (await fetch(`${nudge.apiUrl}/metrics`)).text()
    assert.match(metrics, /nudge_messages\{direction="outbound",status="suppressed"\} 1/)
    assert.match(metrics, /nudge_gate_decisions\{decision="suppressed",reason="OPTED_OUT"\} 1/)
  })
})
