import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely'
import { Migrator, type MigrationProvider } from 'kysely'
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
  let sqlite: BetterSqlite3.Database
  try {
    sqlite = new BetterSqlite3(options.file)
  } catch (err) {
    throw new StorageError(`cannot open the database ${options.file}: ${(err as Error).message}`, {
      cause: err,
    })
  }
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')

  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  })
  return { db, close: () => db.destroy() }
}

/** Distinct SQL texts kept prepared; the engine's hot paths use a few dozen. */
const STATEMENT_CACHE_SIZE = 500

/**
 * Kysely prepares every query anew, and preparing costs more than running a small statement.
 * Queries are built from the same few shapes, so their prepared statements are kept by SQL
 * text and reused. Statements are only ever run to completion (`all`/`run`), never left
 * mid-iteration, so one statement can serve every caller in turn.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText)
      if (statement === undefined) {
        statement = sqlite.prepare(sqlText)
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
        cache.set(sqlText, statement)
      }
      return statement as unknown as SqliteStatement
    },
  }
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
