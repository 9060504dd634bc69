import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { Migrator, type MigrationProvider } from 'kysely/migration'
import type { Database } from './schema.js'
import { MIGRATIONS } from './migrations/index.js'
import { StorageError } from './errors.js'

export type Db = Kysely<Database>

export interface OpenDatabaseOptions {
  /** SQLite file path, or `:memory:` for a throwaway database. */
  readonly file: string
}

/**
 * Opens the SQLite database in WAL mode with `synchronous=FULL`: a commit is on disk when it
 * returns, which is what lets the API answer 202 only for messages that survive a crash. The
 * cost of that fsync is paid once per batch by {@link GroupCommit}, not once per message.
 */
export function openSqlite(options: OpenDatabaseOptions): { db: Db; close: () => Promise<void> } {
  const sqlite = new BetterSqlite3(options.file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { db, close: () => db.destroy() }
}

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) }

/** Applies every pending migration; fails listing the one that broke. */
export async function migrate(db: Db): Promise<{ applied: string[] }> {
  const migrator = new Migrator({ db, provider })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new StorageError(`migration ${failed} failed`, { cause: error })
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}
