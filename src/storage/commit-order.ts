import { sql } from 'kysely'
import { databaseKindOf } from './database-kind.js'
import type { Trx } from './group-commit.js'

/** Any fixed number: the advisory lock that orders appends to the event log. */
const EVENT_LOG_LOCK = 0x6e75_6467

const locked = new WeakSet<Trx>()

/**
 * Makes the event log's sequence numbers follow commit order, so a reader paging with
 * `after=<seq>` never skips a row that commits late with a smaller number. SQLite has one
 * writer at a time, so it is so already. On PostgreSQL, transactions that append events take
 * one advisory lock, held until they commit: they commit one after the other. The lock is
 * taken once per transaction, right before its first append, so it is held briefly.
 */
export async function orderEventLogAppend(trx: Trx): Promise<void> {
  if (locked.has(trx) || databaseKindOf(trx) !== 'postgres') return
  await sql`select pg_advisory_xact_lock(${sql.lit(EVENT_LOG_LOCK)})`.execute(trx)
  locked.add(trx)
}
