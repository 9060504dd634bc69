import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startNudge } from '../src/cli/start-nudge.js'
import { loadConfig } from '../src/config/index.js'
import { silentLogger } from '../src/runtime/index.js'
import { tempDir, writeJson } from './support/temp-files.js'

/**
 * Stopping while messages wait and the SMSC pushes back: close() must finish (a segment
 * that comes back throttled after the stop must not be retried forever), and a restart on
 * the same database must pick every message up again.
 */
describe('stopping with work in flight', () => {
  it('stops within seconds and resumes every message after a restart', async () => {
    const dir = tempDir('shutdown')
    const configFile = writeJson(dir, 'nudge.json', {
      simulator: { receiptDelayMs: 10, segmentsPerSecond: 20, window: 5 },
    })
    const config = loadConfig({ config: configFile, db: join(dir, 'nudge.db'), port: '0' }, {})

    const first = await startNudge({ config, logger: silentLogger() })
    const { store, apiKey } = await first.registry.create('Shutdown')
    await first.registry.update(store.id, { defaultSender: 'Shutdown' })
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
    const ids: string[] = []
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${first.apiUrl}/v1/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: '+12025550143', body: `Restock alert ${i}` }),
      })
      ids.push(((await res.json()) as { id: string }).id)
    }
    await fetch(`http://127.0.0.1:${first.simulator!.controlPort}/throttle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'all', status: 'ESME_RMSGQFUL' }),
    })
    await new Promise((resolve) => setTimeout(resolve, 300))

    const stoppingMs = Date.now()
    await first.close()
    assert.ok(Date.now() - stoppingMs < 8000, `close took ${Date.now() - stoppingMs} ms`)

    const second = await startNudge({ config, logger: silentLogger() })
    try {
      const deadline = Date.now() + 20_000
      let open = ids.length
      while (open > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200))
        const statuses = await Promise.all(
          ids.map(async (id) => {
            const res = await fetch(`${second.apiUrl}/v1/messages/${id}`, { headers })
            return ((await res.json()) as { status: string }).status
          }),
        )
        open = statuses.filter((s) => s !== 'delivered').length
      }
      assert.equal(open, 0, 'every message is delivered after the restart')
    } finally {
      await second.close()
    }
  })
})
