import type { FastifyInstance } from 'fastify'
import { buildApi, createMetrics } from '../../src/api/index.js'
import {
  ComplianceGate,
  createQuietHours,
  KeyedHasher,
  type QuietHours,
} from '../../src/compliance/index.js'
import { RouteTable, storeInbound } from '../../src/delivery/index.js'
import { loadPriceTable } from '../../src/messaging/index.js'
import type { StoreEventSink } from '../../src/commerce/index.js'
import { ManualClock, silentLogger } from '../../src/runtime/index.js'
import {
  GroupCommit,
  migrate,
  openDatabase,
  type Db,
  type OpenedDatabase,
} from '../../src/storage/index.js'
import {
  StoreDirectory,
  StoreRegistry,
  type StoreConnection,
  type StoreSettingsPatch,
} from '../../src/stores/index.js'
import { openTestDatabase, type TestDatabaseKind } from './test-database.js'

/** An API over a fresh database (in-memory SQLite unless told otherwise), with no worker: messages stay where the API put them. */
export interface ApiHarness {
  readonly app: FastifyInstance
  readonly db: Db
  readonly clock: ManualClock
  readonly registry: StoreRegistry
  readonly hasher: KeyedHasher
  /** Stores a text from a handset to `to`, as the carrier listener would (keywords answered). */
  receive(from: string, to: string, text: string): Promise<void>
  /** Creates a store and returns its id and an Authorization header for it. */
  store(
    name: string,
    settings?: StoreSettingsPatch & StoreConnection,
  ): Promise<{ id: string; auth: { authorization: string } }>
  close(): Promise<void>
}

/** The erasure key of every harness: fixed, so tests can compute the hashes they expect. */
export const TEST_ERASURE_KEY = 'test-erasure-key-0123456789abcdefghij'

/**
 * Quiet hours come from the real data unless a test passes its own. Store events are only
 * recorded unless a test passes the sink that acts on them.
 */
export async function startApiHarness(
  options: {
    quietHours?: QuietHours
    database?: TestDatabaseKind
    /** A SQLite file to keep the database in, instead of a throwaway one. */
    sqliteFile?: string
    storeEventSink?: StoreEventSink
    /** Where the built dashboard is read from; the package's `dist/public` by default. */
    dashboardDir?: string
    surface?: 'full' | 'operations'
  } = {},
): Promise<ApiHarness> {
  const { db, close } =
    options.sqliteFile === undefined
      ? await openTestDatabase(options.database ?? 'sqlite')
      : await openMigrated(options.sqliteFile)
  const clock = new ManualClock(Date.parse('2026-11-27T15:30:00Z'))
  const logger = silentLogger()
  const registry = new StoreRegistry({ db, clock })
  const directory = new StoreDirectory({ registry, logger })
  const groupCommit = new GroupCommit(db)
  const hasher = new KeyedHasher(TEST_ERASURE_KEY)
  const quietHours = options.quietHours ?? (await createQuietHours())

  const keywords = {
    gate: new ComplianceGate({ quietHours, hasher }),
    hasher,
    prices: loadPriceTable(),
    maxSegments: 10,
    webhookLifetimeMs: 86_400_000,
  }
  const app = await buildApi({
    db,
    groupCommit,
    clock,
    logger,
    registry,
    directory,
    ...keywords,
    onQueued: () => undefined,
    onWebhooksQueued: () => undefined,
    metrics: createMetrics({ db, routes: () => new RouteTable([]) }).source,
    storeEventSink: options.storeEventSink,
    dashboardDir: options.dashboardDir,
    surface: options.surface,
  })

  return {
    app,
    db,
    clock,
    registry,
    hasher,
    async receive(from, to, text) {
      await directory.refresh()
      await groupCommit.run((trx) =>
        storeInbound(trx, {
          inbound: { sender: from, recipient: to, text },
          routeId: 'test',
          nowMs: clock.now(),
          stores: directory,
          webhookLifetimeMs: keywords.webhookLifetimeMs,
          keywords,
        }),
      )
    },
    async store(name, settings = {}) {
      const { store, apiKey } = await registry.create(name, settings)
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

async function openMigrated(file: string): Promise<OpenedDatabase> {
  const opened = openDatabase(file)
  await migrate(opened.db)
  return opened
}
