import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import type { SimulatorStats, SubmittedRecord } from '../src/carriers/index.js'
import { runNudge, spawnNudge, type NudgeProcess } from './support/child-process.js'
import { sleep, waitForFinal } from './support/wait-for-final.js'
import { tempDir, writeJson } from './support/temp-files.js'

const MESSAGES = 2000
const WINDOW = 20

/**
 * Crash safety with the SMSC in its own process: 2,000 messages are accepted, the server is
 * killed with SIGKILL while they are being submitted, and a restarted server finishes the
 * job. Every accepted message must end delivered, and the only duplicates the SMSC may see
 * are segments that were in flight at the kill: at most one window.
 */
describe('a server killed mid-burst', () => {
  const dir = tempDir('crash')
  const db = join(dir, 'nudge.db')
  let smsc: NudgeProcess
  let control = ''
  let configFile = ''
  const running: NudgeProcess[] = []

  before(async () => {
    smsc = spawnNudge([
      'smsc',
      '--smpp-port',
      '0',
      '--control-port',
      '0',
      '--receipt-delay-ms',
      '20',
    ])
    const started = await smsc.waitForLog('smsc simulator started')
    control = String(started['control'])
    const smppPort = Number(String(started['smpp']).split(':')[1])

    configFile = writeJson(dir, 'nudge.json', {
      carriers: [
        {
          id: 'sim',
          host: '127.0.0.1',
          port: smppPort,
          systemId: 'nudge',
          password: 'secret',
          window: WINDOW,
          segmentsPerSecond: 800,
          destinations: [{ prefix: '+1' }],
        },
      ],
    })
  })

  after(async () => {
    for (const p of running) await p.kill('SIGTERM')
    await smsc.kill('SIGTERM')
  })

  async function startServer(): Promise<{ server: NudgeProcess; apiUrl: string }> {
    const server = spawnNudge(['serve', '--db', db, '--config', configFile, '--port', '0'])
    running.push(server)
    const started = await server.waitForLog('nudge started')
    return { server, apiUrl: String(started['api']) }
  }

  async function stats(): Promise<SimulatorStats> {
    return (await (await fetch(`${control}/stats`)).json()) as SimulatorStats
  }

  it('delivers every accepted message after a restart, re-sending at most one window', async () => {
    const created = await runNudge(['stores', 'create', 'Crash Test', '--db', db, '--json'])
    assert.equal(created.code, 0, created.stderr)
    const { api_key: apiKey } = JSON.parse(created.stdout) as { api_key: string }
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }

    const first = await startServer()
    const accepted: string[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < MESSAGES) {
          const i = next++
          const res = await fetch(`${first.apiUrl}/v1/messages`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              to: '+12025550143',
              from: 'CrashTest',
              body: `Crash test ${i}`,
            }),
          })
          assert.equal(res.status, 202)
          accepted.push(((await res.json()) as { id: string }).id)
        }
      }),
    )
    assert.equal(accepted.length, MESSAGES)

    const deadline = Date.now() + 30_000
    while ((await stats()).submits < 500 && Date.now() < deadline) await sleep(20)
    await first.server.kill('SIGKILL')
    const atKill = (await stats()).submits
    assert.ok(atKill < MESSAGES, `the burst was over before the kill (${atKill} submits)`)

    const second = await startServer()
    const byId = await waitForFinal(second.apiUrl, headers, accepted)
    assert.deepEqual(
      [...byId.values()].filter((s) => s !== 'delivered'),
      [],
      'every accepted message is delivered',
    )

    const submitted = (await (
      await fetch(`${control}/submitted?limit=10000`)
    ).json()) as SubmittedRecord[]
    const timesSent = new Map<string, number>()
    for (const r of submitted) timesSent.set(r.text, (timesSent.get(r.text) ?? 0) + 1)
    const duplicated = [...timesSent.values()].filter((n) => n > 1).length
    assert.equal(timesSent.size, MESSAGES, 'the SMSC saw every message')
    assert.ok(duplicated <= WINDOW, `${duplicated} messages were submitted twice`)
    console.log(
      `crash test: killed after ${atKill} submits; ${duplicated} of ${MESSAGES} submitted twice (window ${WINDOW})`,
    )
  })
})
