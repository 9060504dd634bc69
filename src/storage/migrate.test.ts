import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dropTestSchema, freshPostgresUrl } from '../../test/support/test-database.js'
import { migrate, openDatabase } from './database.js'
import { MIGRATIONS } from './migrations/index.js'

test('processes starting together on PostgreSQL apply each migration exactly once', async (t) => {
  const { url, schema } = freshPostgresUrl()
  t.after(() => dropTestSchema(schema))
  const processes = Array.from({ length: 4 }, () => openDatabase(url))
  t.after(() => Promise.all(processes.map((p) => p.close())))

  const results = await Promise.all(processes.map((p) => migrate(p.db)))

  const applied = results.flatMap((r) => r.applied).sort()
  assert.deepEqual(applied, Object.keys(MIGRATIONS).sort())
  const tables = await processes[0]!.db.introspection.getTables()
  assert.ok(tables.some((table) => table.name === 'messages' && table.schema === schema))
})

test('a database that cannot be reached fails with a storage error, not a crash', async () => {
  // Port 9 on loopback: nothing listens there.
  const opened = openDatabase('postgres://postgres@127.0.0.1:9/test')
  try {
    await assert.rejects(migrate(opened.db), { code: 'STORAGE_FAILED' })
  } finally {
    await opened.close()
  }
})

test('a schema name that could inject SQL is refused', () => {
  assert.throws(() => openDatabase('postgres://127.0.0.1/test?schema=x;drop%20table'), {
    code: 'STORAGE_FAILED',
  })
})
