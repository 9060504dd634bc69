import { userInfo } from 'node:os'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import type {
  DatabaseIntrospector,
  PostgresPool,
  PostgresPoolClient,
  SqliteDatabase,
  SqliteStatement,
} from 'kysely'
import { CurrentSchemaIntrospector } from './schema-introspector.js'
import { Migrator, type MigrationProvider } from 'kysely'
import type { Database } from './schema.js'
import { MIGRATIONS } from './migrations/index.js'
import { StorageError } from './errors.js'
import { databaseKindOf, type DatabaseKind } from './database-kind.js'
import { LocalWakeups, PostgresWakeups, type Wakeups } from './wakeups.js'

export type Db = Kysely<Database>

export interface OpenedDatabase {
  readonly db: Db
  readonly kind: DatabaseKind
  /** How processes sharing this database wake each other when work arrives. */
  readonly wakeups: Wakeups
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  /** SQLite file path, or `:memory:` for a throwaway database. */
  readonly file: string
}

/** True for a `postgres://` or `postgresql://` connection URL. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location)
}

/**
 * Opens the database a config names: a PostgreSQL URL, or else a SQLite file path. Both give
 * the same query layer, so the code above never forks by engine.
 */
export function openDatabase(location: string): OpenedDatabase {
  return isPostgresUrl(location) ? openPostgres({ url: location }) : openSqlite({ file: location })
}

/**
 * Opens the SQLite database in WAL mode with `synchronous=FULL`: a commit is on disk when it
 * returns, which is what lets the API answer 202 only for messages that survive a crash. The
 * cost of that fsync is paid once per batch by the group commit, not once per message.
 */
export function openSqlite(options: OpenDatabaseOptions): OpenedDatabase {
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
  const wakeups = new LocalWakeups()
  return {
    db,
    kind: 'sqlite',
    wakeups,
    async close() {
      await wakeups.close()
      await db.destroy()
    },
  }
}

export interface OpenPostgresOptions {
  /**
   * `postgres://user@host:port/database`. A `schema` query parameter (Nudge's own, not
   * libpq's) puts every table in that schema, created if missing: one database can then hold
   * several independent Nudge installations, or one per test run.
   */
  readonly url: string
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number
}

/** PostgreSQL type ids whose text form is a number that fits a JavaScript number here. */
const INT8_OID = 20
const NUMERIC_OID = 1700

/**
 * Opens a PostgreSQL connection pool. `bigint` columns (times in ms, money in micros) and
 * numeric sums come back as numbers, as they do from SQLite: every value Nudge stores in them
 * stays far below 2^53.
 */
export function openPostgres(options: OpenPostgresOptions): OpenedDatabase {
  let url: URL
  try {
    url = new URL(options.url)
  } catch {
    throw new StorageError('the PostgreSQL URL cannot be parsed')
  }
  const schema = url.searchParams.get('schema')
  url.searchParams.delete('schema')
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StorageError(
      `schema "${schema}" must be lower-case letters, digits and underscores, at most 63`,
    )
  }

  const connection = {
    application_name: 'nudge',
    // As libpq does: no user in the URL means the operating-system user.
    ...(url.username === '' ? { user: process.env['USER'] ?? userInfo().username } : {}),
  }
  const toNumber = (text: string): number => Number(text)
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: options.poolSize ?? 10,
    ...connection,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? toNumber
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
    ...(schema === null ? {} : { options: `-c search_path=${schema}` }),
  })
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined)

  let schemaReady: Promise<void> | undefined
  const dialect = new CurrentSchemaPostgresDialect({
    pool: async () => {
      if (schema !== null) {
        schemaReady ??= createSchema(pool, schema).catch((err: unknown) => {
          schemaReady = undefined
          throw err
        })
        await schemaReady
      }
      return withPreparedStatements(pool)
    },
  })
  const db = new Kysely<Database>({ dialect })
  const wakeups = new PostgresWakeups({
    pool,
    connection: { connectionString: url.toString(), ...connection },
    schema,
  })
  return {
    db,
    kind: 'postgres',
    wakeups,
    async close() {
      await wakeups.close()
      await db.destroy()
    },
  }
}

/** PostgreSQL as Kysely speaks it, introspecting only the schema in use. */
class CurrentSchemaPostgresDialect extends PostgresDialect {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: catalogs only
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db)
  }
}

/** Distinct SQL texts given a prepared-statement name; the rest run unnamed. */
const PREPARED_STATEMENT_LIMIT = 500

/**
 * The PostgreSQL side of the statement cache: Kysely sends every query unnamed, so the server
 * parses and plans it each time. Naming each distinct SQL text makes `pg` prepare it once per
 * connection and only bind and execute it afterwards.
 */
function withPreparedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>()
  const nameFor = (text: string): string | undefined => {
    let name = names.get(text)
    if (name === undefined && names.size < PREPARED_STATEMENT_LIMIT) {
      name = `nudge_${names.size}`
      names.set(text, name)
    }
    return name
  }
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect()
      return {
        query: ((textOrCursor: unknown, values?: readonly unknown[]) =>
          typeof textOrCursor === 'string'
            ? client.query({
                name: nameFor(textOrCursor),
                text: textOrCursor,
                values: [...(values ?? [])],
              })
            : client.query(
                textOrCursor as pg.Submittable,
              )) as unknown as PostgresPoolClient['query'],
        release: () => client.release(),
      }
    },
    end: () => pool.end(),
  }
}

/** Any fixed number: the advisory lock under which a schema is created. */
const CREATE_SCHEMA_LOCK = 0x6e75_6401

/**
 * Creates the schema unless it exists. Processes starting together take turns under an
 * advisory lock: two concurrent `create schema if not exists` can otherwise both decide to
 * create it, and the loser fails.
 */
async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    await client.query(`select pg_advisory_xact_lock(${CREATE_SCHEMA_LOCK})`)
    await client.query(`create schema if not exists ${schema}`)
    await client.query('commit')
  } catch (err) {
    await client.query('rollback').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
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

/**
 * Applies every pending migration; fails naming the one that broke. On PostgreSQL the
 * migrator holds an advisory lock while it works, so processes starting together apply each
 * migration once, the others waiting and then finding nothing left to do.
 */
export async function migrate(db: Db): Promise<{ applied: string[] }> {
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>
  try {
    // The migrator looks for its own tables by name across every schema it can see; naming
    // the schema in use keeps installations that share a database apart.
    const schema =
      databaseKindOf(db) === 'postgres'
        ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
            ?.schema
        : undefined
    const migrator = new Migrator({ db, provider, migrationTableSchema: schema })
    outcome = await migrator.migrateToLatest()
  } catch (err) {
    throw new StorageError(`cannot reach the database: ${(err as Error).message}`, { cause: err })
  }
  const { error, results = [] } = outcome
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new StorageError(`migration ${failed} failed: ${(error as Error).message}`, {
      cause: error,
    })
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}
