import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startNudge, type RunningNudge } from '../src/cli/start-nudge.js'
import { loadConfig } from '../src/config/index.js'
import { silentLogger } from '../src/runtime/index.js'
import { tempDir, writeJson } from './support/temp-files.js'
import { sleep, waitForFinal } from './support/wait-for-final.js'

interface CarrierRoute {
  id: string
  host: string
  port: number
  binds: { up: number; configured: number } | null
  rate_limit_segments_per_second: number
  current_segments_per_second: number
  queue_depth: number
  owner: string | null
}

/**
 * `GET /v1/carriers` against the built-in SMSC simulator over real SMPP: the bind up, the
 * rate measured from what was submitted, then the bind down and the messages left waiting.
 */
describe('the carriers readout', () => {
  const dir = tempDir('carriers')
  let nudge: RunningNudge
  let headers: Record<string, string>

  before(async () => {
    const configFile = writeJson(dir, 'nudge.json', {
      simulator: { receiptDelayMs: 10, segmentsPerSecond: 250, window: 20 },
    })
    const config = loadConfig({ config: configFile, db: join(dir, 'nudge.db'), port: '0' }, {})
    nudge = await startNudge({ config, logger: silentLogger() })
    const { apiKey } = await nudge.registry.create('Northwind')
    headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
  })
  after(() => nudge.close())

  async function carriers(): Promise<{ routes: CarrierRoute[]; unrouted: number }> {
    const res = await fetch(`${nudge.apiUrl}/v1/carriers`, { headers })
    assert.equal(res.status, 200)
    return (await res.json()) as { routes: CarrierRoute[]; unrouted: number }
  }

  async function send(count: number): Promise<string[]> {
    const ids: string[] = []
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${nudge.apiUrl}/v1/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: '+12025550143', from: '+12025550100', body: `Order ${i}` }),
      })
      assert.equal(res.status, 202)
      ids.push(((await res.json()) as { id: string }).id)
    }
    return ids
  }

  it('shows the simulator route bound, with its limit, and the rate it just sent at', async () => {
    const deadline = Date.now() + 10_000
    while ((await carriers()).routes[0]?.binds?.up !== 1) {
      assert.ok(Date.now() < deadline, 'the bind comes up')
      await sleep(100)
    }
    const statuses = await waitForFinal(nudge.apiUrl, headers, await send(30))
    assert.deepEqual([...new Set(statuses.values())], ['delivered'])

    const [route] = (await carriers()).routes
    assert.equal(route!.id, 'simulator')
    assert.equal(route!.host, '127.0.0.1')
    assert.equal(route!.port, nudge.simulator!.smppPort)
    assert.deepEqual(route!.binds, { up: 1, configured: 1 })
    assert.equal(route!.rate_limit_segments_per_second, 250)
    // 30 one-segment messages submitted within the last ten seconds: 3 per second.
    assert.equal(route!.current_segments_per_second, 3)
    assert.equal(route!.queue_depth, 0)
    assert.equal(route!.owner, null)
  })

  it('shows the bind down and the messages waiting once the SMSC is gone', async () => {
    await nudge.simulator!.close()
    const deadline = Date.now() + 10_000
    while ((await carriers()).routes[0]?.binds?.up !== 0) {
      assert.ok(Date.now() < deadline, 'the bind is seen down')
      await sleep(100)
    }
    await send(3)
    await sleep(500)
    const report = await carriers()
    assert.equal(report.routes[0]!.queue_depth + report.unrouted, 3)
  })

  it('answers only with a store’s key', async () => {
    const res = await fetch(`${nudge.apiUrl}/v1/carriers`)
    assert.equal(res.status, 401)
  })
})
