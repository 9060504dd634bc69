import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dropTestSchema, freshPostgresUrl } from '../../test/support/test-database.js'
import { openDatabase } from './database.js'

function nextWake(subscribe: (onWake: () => void) => void, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs)
    subscribe(() => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

test('a signal in one process wakes the others on the same database, not other schemas', async (t) => {
  const { url, schema } = freshPostgresUrl()
  const other = freshPostgresUrl()
  t.after(() => Promise.all([dropTestSchema(schema), dropTestSchema(other.schema)]))
  const [api, worker, stranger] = [openDatabase(url), openDatabase(url), openDatabase(other.url)]
  t.after(() => Promise.all([api.close(), worker.close(), stranger.close()]))

  const workerWoken = nextWake((onWake) => worker.wakeups.subscribe('queue', onWake), 5000)
  const strangerWoken = nextWake((onWake) => stranger.wakeups.subscribe('queue', onWake), 1500)
  // The listening connections come up in the background; signal until the first one lands.
  const deadline = Date.now() + 5000
  let woken = false
  void workerWoken.then((w) => (woken = w))
  while (!woken && Date.now() < deadline) {
    api.wakeups.signal('queue')
    await new Promise((r) => setTimeout(r, 100))
  }

  assert.equal(await workerWoken, true, 'the worker was woken')
  assert.equal(await strangerWoken, false, 'another installation was not')
})

test('on SQLite a signal reaches subscribers in the same process', async () => {
  const opened = openDatabase(':memory:')
  let wakes = 0
  opened.wakeups.subscribe('webhooks', () => wakes++)
  opened.wakeups.signal('webhooks')
  opened.wakeups.signal('queue')
  assert.equal(wakes, 1)
  await opened.close()
})
