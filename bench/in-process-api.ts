import type { FastifyInstance } from 'fastify'
import { buildApi, createMetrics } from '../src/api/index.js'
import { ComplianceGate, createQuietHours, KeyedHasher } from '../src/compliance/index.js'
import { RouteTable } from '../src/delivery/index.js'
import { loadPriceTable } from '../src/messaging/index.js'
import { silentLogger, systemClock } from '../src/runtime/index.js'
import { sql } from 'kysely'
import { GroupCommit, migrate, openDatabase, type Db } from '../src/storage/index.js'
import { StoreDirectory, StoreRegistry } from '../src/stores/index.js'

/** The HTTP API over a database of the benchmark's own, answering through injection. */
export interface InProcessApi {
  readonly app: FastifyInstance
  readonly db: Db
  readonly registry: StoreRegistry
  /**
   * Gathers PostgreSQL's planner statistics now, as autovacuum does by itself on tables this
   * size, so plans are those of a database in use. SQLite keeps none unless asked, and Nudge
   * never asks, so nothing is done there.
   */
  analyze(): Promise<void>
  close(): Promise<void>
}

/** Opens and migrates `database` (a SQLite file or a PostgreSQL URL) and builds the API on it. */
export async function startInProcessApi(database: string): Promise<InProcessApi> {
  const { db, kind, close } = openDatabase(database)
  await migrate(db)
  const logger = silentLogger()
  const registry = new StoreRegistry({ db, clock: systemClock })
  const directory = new StoreDirectory({ registry, logger })
  const groupCommit = new GroupCommit(db)
  const hasher = new KeyedHasher('bench-erasure-key-0123456789abcdefghij')
  const app = await buildApi({
    db,
    groupCommit,
    clock: systemClock,
    logger,
    registry,
    directory,
    prices: loadPriceTable(),
    maxSegments: 10,
    gate: new ComplianceGate({ quietHours: await createQuietHours(), hasher }),
    hasher,
    webhookLifetimeMs: 86_400_000,
    onQueued: () => undefined,
    onWebhooksQueued: () => undefined,
    metrics: createMetrics({ db, routes: () => new RouteTable([]) }).source,
  })
  return {
    app,
    db,
    registry,
    async analyze() {
      if (kind === 'postgres') await sql`analyze`.execute(db)
    },
    async close() {
      await app.close()
      await groupCommit.drain()
      await close()
    },
  }
}

/** Milliseconds at the 50th and 99th percentile of the times measured. */
export function percentiles(timesMs: readonly number[]): { p50Ms: number; p99Ms: number } {
  const sorted = [...timesMs].sort((a, b) => a - b)
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { p50Ms: at(0.5), p99Ms: at(0.99) }
}
