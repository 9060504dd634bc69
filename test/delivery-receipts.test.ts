import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import type { SubmittedRecord } from '../src/carriers/index.js'
import { startNudge, type RunningNudge } from '../src/cli/start-nudge.js'
import { loadConfig } from '../src/config/index.js'
import { silentLogger } from '../src/runtime/index.js'
import { tempDir, writeJson } from './support/temp-files.js'

/**
 * Receipts as carriers really send them, replayed through the simulator's control API:
 * segments reported in any order, ids in another base or padded, states in TLVs or in text,
 * interim states before final ones. The simulator's own receipts are held back (ten minutes),
 * so only the receipts each test sends arrive.
 */
describe('delivery receipts from a real SMPP session', () => {
  let nudge: RunningNudge
  let control = ''
  let headers: Record<string, string> = {}

  before(async () => {
    const dir = tempDir('receipts')
    const configFile = writeJson(dir, 'nudge.json', { simulator: { receiptDelayMs: 600_000 } })
    const config = loadConfig({ config: configFile, db: join(dir, 'nudge.db'), port: '0' }, {})
    nudge = await startNudge({ config, logger: silentLogger() })
    control = `http://127.0.0.1:${nudge.simulator!.controlPort}`
    const { store, apiKey } = await nudge.registry.create('Receipts')
    await nudge.registry.update(store.id, { defaultSender: 'Receipts' })
    headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
  })
  after(() => nudge.close())

  async function sendAndWaitSent(
    to: string,
    body: string,
  ): Promise<{ id: string; parts: SubmittedRecord[] }> {
    const res = await fetch(`${nudge.apiUrl}/v1/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ to, body }),
    })
    const { id } = (await res.json()) as { id: string }
    await until(async () => (await statusOf(id)) === 'sent')
    const all = (await (
      await fetch(`${control}/submitted?limit=10000`)
    ).json()) as SubmittedRecord[]
    const parts = all
      .filter((r) => r.recipient === to.slice(1))
      .sort((a, b) => (a.concat?.seq ?? 1) - (b.concat?.seq ?? 1))
    return { id, parts }
  }

  async function receipt(fields: {
    message_id: string
    text?: string
    state?: string
  }): Promise<void> {
    const res = await fetch(`${control}/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    })
    assert.equal(res.status, 200)
  }

  async function statusOf(id: string): Promise<string> {
    const res = await fetch(`${nudge.apiUrl}/v1/messages/${id}`, { headers })
    return ((await res.json()) as { status: string }).status
  }

  async function until(check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 10_000
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time')
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  it('ends partially_delivered when the segments of one message end differently, in any order', async () => {
    const { id, parts } = await sendAndWaitSent('+12025550150', 'Back in stock: '.padEnd(200, '-'))
    assert.equal(parts.length, 2)
    const [first, second] = parts as [SubmittedRecord, SubmittedRecord]

    // Part two first, its id written in decimal although submit_sm_resp gave it in hex.
    const decimal = BigInt(`0x${second.smscMessageId}`).toString(10)
    await receipt({
      message_id: second.smscMessageId,
      text: `id:${decimal} sub:001 dlvrd:001 submit date:2611271530 done date:2611271531 stat:DELIVRD err:000 text:`,
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.equal(await statusOf(id), 'sent')

    await receipt({ message_id: first.smscMessageId, state: 'UNDELIVERABLE' })
    await until(async () => (await statusOf(id)) === 'partially_delivered')
  })

  it('waits through an interim ENROUTE and takes the final EXPIRED, id upper-case and zero-padded', async () => {
    const { id, parts } = await sendAndWaitSent('+12025550151', 'Your code is 4242')
    const smscId = parts[0]!.smscMessageId

    await receipt({ message_id: smscId, state: 'ENROUTE' })
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.equal(await statusOf(id), 'sent')

    const padded = smscId.toUpperCase().padStart(16, '0')
    await receipt({ message_id: smscId, text: `id:${padded} stat:EXPIRED err:000` })
    await until(async () => (await statusOf(id)) === 'expired')
    const message = (await (
      await fetch(`${nudge.apiUrl}/v1/messages/${id}`, { headers })
    ).json()) as {
      error: { code: string }
    }
    assert.equal(message.error.code, 'DLR_EXPIRED')
  })

  it('matches no message with a receipt for an id it never sent', async () => {
    const applied = async (): Promise<number> => {
      const text = await (await fetch(`${nudge.apiUrl}/metrics`)).text()
      return Number(/^nudge_receipts_applied (\d+)/m.exec(text)?.[1])
    }
    const before = await applied()

    await receipt({ message_id: 'ffffffffff', state: 'DELIVERED' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    assert.equal(await applied(), before)
  })
})
