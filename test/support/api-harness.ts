import type { FastifyInstance } from 'fastify'
import { buildApi, createMetrics } from '../../src/api/index.js'
import { RouteTable } from '../../src/delivery/index.js'
import { loadPriceTable } from '../../src/messaging/index.js'
import { ManualClock, silentLogger } from '../../src/runtime/index.js'
import { GroupCommit, type Db } from '../../src/storage/index.js'
import { StoreDirectory, StoreRegistry } from '../../src/stores/index.js'
import { openTestDatabase, type TestDatabaseKind } from './test-database.js'

/** An API over a fresh database (in-memory SQLite unless told otherwise), with no worker: messages stay where the API put them. */
export interface ApiHarness {
  readonly app: FastifyInstance
  readonly db: Db
  readonly clock: ManualClock
  readonly registry: StoreRegistry
  /** Creates a store and returns its id and an Authorization header for it. */
  store(
    name: string,
    settings?: { defaultCountry?: string; defaultSender?: string },
  ): Promise<{ id: string; auth: { authorization: string } }>
  close(): Promise<void>
}

export async function startApiHarness(
  options: { database?: TestDatabaseKind } = {},
): Promise<ApiHarness> {
  const { db, close } = await openTestDatabase(options.database ?? 'sqlite')
  const clock = new ManualClock(Date.parse('2026-11-27T15:30:00Z'))
  const logger = silentLogger()
  const registry = new StoreRegistry({ db, clock })
  const directory = new StoreDirectory({ registry, logger })
  const groupCommit = new GroupCommit(db)

  const app = await buildApi({
    db,
    groupCommit,
    clock,
    logger,
    registry,
    directory,
    prices: loadPriceTable(),
    maxSegments: 10,
    webhookLifetimeMs: 86_400_000,
    onQueued: () => undefined,
    onWebhooksQueued: () => undefined,
    metrics: createMetrics({ db, routes: () => new RouteTable([]) }).source,
  })

  return {
    app,
    db,
    clock,
    registry,
    async store(name, settings = {}) {
      const { store, apiKey } = await registry.create(name)
      await registry.update(store.id, settings)
      return { id: store.id, auth: { authorization: `Bearer ${apiKey}` } }
    },
    async close() {
      await app.close()
      await groupCommit.drain()
      await close()
    },
  }
}
