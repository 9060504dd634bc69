import { PostgresAdapter, type Kysely } from 'kysely'

/** Which engine a database handle talks to. Domain code never asks; storage internals do. */
export type DatabaseKind = 'sqlite' | 'postgres'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: only the adapter is read
export function databaseKindOf(db: Kysely<any>): DatabaseKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}
