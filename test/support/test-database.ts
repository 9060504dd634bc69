import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { migrate, openDatabase, type OpenedDatabase } from '../../src/storage/index.js'

export type TestDatabaseKind = 'sqlite' | 'postgres'

/** Storage and queue suites run once per engine. */
export const DATABASE_KINDS: readonly TestDatabaseKind[] = ['sqlite', 'postgres']

/** The PostgreSQL server tests use; a loopback server with trust auth unless told otherwise. */
export const TEST_POSTGRES_URL =
  process.env['NUDGE_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'

/**
 * A PostgreSQL URL naming a schema of its own, so every test gets an empty database however
 * many run at once. `dropTestSchema` removes it afterwards.
 */
export function freshPostgresUrl(): { url: string; schema: string } {
  const schema = `nudge_test_${randomBytes(6).toString('hex')}`
  const url = new URL(TEST_POSTGRES_URL)
  url.searchParams.set('schema', schema)
  return { url: url.toString(), schema }
}

export async function dropTestSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL })
  await client.connect()
  try {
    await client.query(`drop schema if exists ${schema} cascade`)
  } finally {
    await client.end()
  }
}

/** A migrated, empty database of the given kind; `close()` also throws it away. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<OpenedDatabase> {
  if (kind === 'sqlite') {
    const opened = openDatabase(':memory:')
    await migrate(opened.db)
    return opened
  }
  const { url, schema } = freshPostgresUrl()
  const opened = openDatabase(url)
  await migrate(opened.db)
  return {
    ...opened,
    async close() {
      await opened.close()
      await dropTestSchema(schema)
    },
  }
}
