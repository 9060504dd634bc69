import { sql, type Transaction } from 'kysely'
import type { Database } from './schema.js'
import type { Db } from './database.js'
import { databaseKindOf } from './database-kind.js'

export type Trx = Transaction<Database>

export interface GroupCommitOptions {
  /** Longest a write waits for companions before its batch commits, in ms. Default 1. */
  readonly maxDelayMs?: number
  /** A batch commits at once when this many writes wait. Default 256. */
  readonly maxBatch?: number
}

/**
 * How a write must survive. `durable` (the default) is on disk when its promise resolves:
 * accepted messages, SMSC answers, receipts. `relaxed` survives a crash of the process but
 * not of the machine: bookkeeping that is redone if lost, such as claims and webhook
 * outcomes. A batch commits with an fsync only when it holds a durable write.
 */
export type Durability = 'durable' | 'relaxed'

interface Pending {
  readonly durability: Durability
  readonly work: (trx: Trx) => Promise<unknown>
  readonly resolve: (value: unknown) => void
  readonly reject: (reason: unknown) => void
}

/**
 * Commits many small writes in one transaction, so one fsync covers a whole batch. Each
 * caller's promise settles only after the batch holding its write is committed, so "resolved"
 * still means "on disk". A batch fires after `maxDelayMs` or at `maxBatch` writes, whichever
 * comes first; only one batch is in flight at a time and the next one fills meanwhile.
 *
 * If a batch fails, each of its writes is replayed in a transaction of its own, so one bad
 * write fails alone and the others still commit.
 */
export class GroupCommit {
  readonly #db: Db
  readonly #isPostgres: boolean
  readonly #setSynchronous: (durable: boolean) => Promise<void>
  #isDurable = true
  readonly #maxDelayMs: number
  readonly #maxBatch: number
  #queue: Pending[] = []
  #timer: NodeJS.Timeout | undefined
  #flushing: Promise<void> | undefined

  constructor(db: Db, options: GroupCommitOptions = {}) {
    this.#db = db
    this.#isPostgres = databaseKindOf(db) === 'postgres'
    // SQLite WAL: FULL syncs the log at every commit, NORMAL only at checkpoints, and a
    // commit under NORMAL still survives the process being killed.
    this.#setSynchronous = async (durable) => {
      await sql.raw(`pragma synchronous = ${durable ? 'FULL' : 'NORMAL'}`).execute(db)
      this.#isDurable = durable
    }
    this.#maxDelayMs = options.maxDelayMs ?? 1
    this.#maxBatch = options.maxBatch ?? 256
  }

  /** Runs `work` inside the next batch's transaction and resolves once it is committed. */
  run<T>(work: (trx: Trx) => Promise<T>, durability: Durability = 'durable'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ durability, work, resolve: resolve as (value: unknown) => void, reject })
      this.#schedule()
    })
  }

  /** Commits everything waiting now; resolves when the queue is empty. */
  async drain(): Promise<void> {
    while (this.#queue.length > 0 || this.#flushing !== undefined) {
      if (this.#flushing !== undefined) await this.#flushing
      else await this.#flush()
    }
  }

  #schedule(): void {
    if (this.#flushing !== undefined) return
    if (this.#queue.length >= this.#maxBatch) {
      void this.#flush()
      return
    }
    this.#timer ??= setTimeout(() => void this.#flush(), this.#maxDelayMs)
  }

  async #flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#flushing !== undefined || this.#queue.length === 0) return

    const batch = this.#queue.splice(0, this.#maxBatch)
    this.#flushing = this.#commit(batch)
    try {
      await this.#flushing
    } finally {
      this.#flushing = undefined
      if (this.#queue.length > 0) this.#schedule()
    }
  }

  async #commit(batch: readonly Pending[]): Promise<void> {
    const durable = batch.some((item) => item.durability === 'durable')
    try {
      if (!this.#isPostgres && durable !== this.#isDurable) await this.#setSynchronous(durable)
    } catch (err) {
      for (const item of batch) item.reject(err)
      return
    }
    try {
      const results = await this.#db.transaction().execute(async (trx) => {
        // PostgreSQL: the commit of a relaxed batch returns before its WAL is flushed; a
        // crash of the server may lose it, never corrupt it.
        if (this.#isPostgres && !durable) {
          await sql`set local synchronous_commit = off`.execute(trx)
        }
        const out: unknown[] = []
        for (const item of batch) out.push(await item.work(trx))
        return out
      })
      batch.forEach((item, i) => item.resolve(results[i]))
    } catch {
      for (const item of batch) {
        try {
          item.resolve(await this.#db.transaction().execute((trx) => item.work(trx)))
        } catch (err) {
          item.reject(err)
        }
      }
    }
  }
}
