import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { SimulatorStats, SubmittedRecord } from '../src/carriers/index.js'
import { runNudge, spawnNudge, type NudgeProcess } from './support/child-process.js'
import { tempDir, writeJson } from './support/temp-files.js'
import { dropTestSchema, freshPostgresUrl } from './support/test-database.js'
import { sleep, waitForFinal } from './support/wait-for-final.js'

const MESSAGES = 10_000
const WINDOW = 20
const SEGMENTS_PER_SECOND = 300
const ERASURE_KEY = 'cluster-test-erasure-key-0123456789abcdef'

interface Health {
  readonly role: string
  readonly routes_owned: string[]
}

/**
 * Scale-out on PostgreSQL: one `api` process and two `worker` processes share one database
 * and one SMSC. 10,000 messages are accepted; the worker that owns the route is killed with
 * SIGKILL mid-burst, and the other one takes the route over. Every accepted message must end
 * delivered, duplicates at the SMSC stay within the window that was in flight, and the
 * busiest second at the SMSC stays within the route's limit plus 5%.
 */
describe('a cluster on PostgreSQL losing a worker mid-burst', () => {
  const dir = tempDir('cluster')
  const { url: db, schema } = freshPostgresUrl()
  const running: NudgeProcess[] = []
  let smsc: NudgeProcess
  let control = ''
  let configFile = ''

  before(async () => {
    smsc = spawnNudge(['smsc', '--smpp-port', '0', '--control-port', '0'])
    running.push(smsc)
    const started = await smsc.waitForLog('smsc simulator started')
    control = String(started['control'])
    configFile = writeJson(dir, 'nudge.json', {
      carriers: [
        {
          id: 'sim',
          host: '127.0.0.1',
          port: Number(String(started['smpp']).split(':')[1]),
          systemId: 'nudge',
          password: 'secret',
          window: WINDOW,
          segmentsPerSecond: SEGMENTS_PER_SECOND,
          destinations: [{ prefix: '+1' }],
        },
      ],
    })
  })

  after(async () => {
    for (const p of running.reverse()) await p.kill('SIGTERM')
    await dropTestSchema(schema)
  })

  async function start(role: 'api' | 'worker'): Promise<{ process: NudgeProcess; url: string }> {
    const args = ['serve', '--role', role, '--db', db, '--config', configFile, '--port', '0']
    // Every process of a cluster hashes erased numbers with the same key.
    const child = spawnNudge(args, { NUDGE_ERASURE_KEY: ERASURE_KEY })
    running.push(child)
    const started = await child.waitForLog('nudge started')
    return { process: child, url: String(started['api']) }
  }

  async function health(url: string): Promise<Health> {
    return (await (await fetch(`${url}/healthz`)).json()) as Health
  }

  async function stats(): Promise<SimulatorStats> {
    return (await (await fetch(`${control}/stats`)).json()) as SimulatorStats
  }

  it('delivers every message, within the route limit, re-sending at most one window', async () => {
    const created = await runNudge(['stores', 'create', 'Cluster', '--db', db, '--json'])
    assert.equal(created.code, 0, created.stderr)
    const { api_key: apiKey } = JSON.parse(created.stdout) as { api_key: string }
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }

    const api = await start('api')
    const workers = [await start('worker'), await start('worker')]
    assert.equal((await health(api.url)).role, 'api')

    const accepted: string[] = []
    let next = 0
    const acceptStartedMs = Date.now()
    const burst = Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < MESSAGES) {
          const i = next++
          const res = await fetch(`${api.url}/v1/messages`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ to: '+12025550143', from: 'Cluster', body: `Cluster ${i}` }),
          })
          assert.equal(res.status, 202)
          accepted.push(((await res.json()) as { id: string }).id)
        }
      }),
    )

    // Kill the worker that owns the route once the SMSC has seen a good part of the burst.
    const deadline = Date.now() + 60_000
    while ((await stats()).submits < 2000 && Date.now() < deadline) await sleep(50)
    const owners = await Promise.all(workers.map((w) => health(w.url)))
    const ownerIndex = owners.findIndex((h) => h.routes_owned.includes('sim'))
    assert.ok(ownerIndex >= 0, 'one worker owns the route')
    await workers[ownerIndex]!.process.kill('SIGKILL')
    const atKill = (await stats()).submits
    const survivor = workers[1 - ownerIndex]!

    await burst
    const acceptSeconds = (Date.now() - acceptStartedMs) / 1000
    assert.equal(accepted.length, MESSAGES)

    const byId = await waitForFinal(api.url, headers, accepted, 120_000)
    assert.deepEqual(
      [...byId.values()].filter((s) => s !== 'delivered'),
      [],
      'every accepted message is delivered',
    )
    assert.deepEqual((await health(survivor.url)).routes_owned, ['sim'], 'the survivor took over')

    const submitted: (SubmittedRecord & { index: number })[] = []
    for (let page = 0; page < 10; page++) {
      const since = submitted.length === 0 ? 0 : submitted[submitted.length - 1]!.index + 1
      const batch = (await (
        await fetch(`${control}/submitted?since=${since}&limit=10000`)
      ).json()) as (SubmittedRecord & { index: number })[]
      submitted.push(...batch)
      if (batch.length < 10_000) break
    }
    const timesSent = new Map<string, number>()
    for (const r of submitted) timesSent.set(r.text, (timesSent.get(r.text) ?? 0) + 1)
    const duplicated = [...timesSent.values()].filter((n) => n > 1).length
    assert.equal(timesSent.size, MESSAGES, 'the SMSC saw every message')
    assert.ok(duplicated <= WINDOW, `${duplicated} messages were submitted twice`)

    const { maxSegmentsPerSecond } = await stats()
    assert.ok(
      maxSegmentsPerSecond <= SEGMENTS_PER_SECOND * 1.05,
      `the SMSC saw ${maxSegmentsPerSecond} segments in one second`,
    )
    console.log(
      `cluster test: ${MESSAGES} accepted in ${acceptSeconds.toFixed(1)} s; owner killed ` +
        `after ${atKill} submits; ${duplicated} submitted twice (window ${WINDOW}); busiest ` +
        `second ${maxSegmentsPerSecond} segments (limit ${SEGMENTS_PER_SECOND})`,
    )
  })
})
