import type { FastifyInstance } from 'fastify'
import { buildApi, createMetrics } from '../api/index.js'
import {
  SmppCarrier,
  startSmscSimulator,
  type CarrierConnection,
  type SmscSimulator,
} from '../carriers/index.js'
import {
  ComplianceGate,
  createQuietHours,
  KeyedHasher,
  loadErasureKey,
  type KeywordDeps,
} from '../compliance/index.js'
import type { Config } from '../config/index.js'
import { CarrierListener, DeliveryWorker, RouteTable, type Route } from '../delivery/index.js'
import { loadPriceTable } from '../messaging/index.js'
import { systemClock, type Clock, type Logger } from '../runtime/index.js'
import { GroupCommit, migrate, openSqlite } from '../storage/index.js'
import { StoreDirectory, StoreRegistry } from '../stores/index.js'
import { RetrySchedule, WebhookDispatcher } from '../webhooks/index.js'

/** A running Nudge: its API address, and the parts tests and tools may look at. */
export interface RunningNudge {
  readonly apiUrl: string
  readonly api: FastifyInstance
  readonly registry: StoreRegistry
  readonly worker: DeliveryWorker
  readonly dispatcher: WebhookDispatcher
  readonly listener: CarrierListener
  /** The built-in SMSC, when no carrier is configured. */
  readonly simulator: SmscSimulator | undefined
  close(): Promise<void>
}

export interface StartOptions {
  readonly config: Config
  readonly logger: Logger
  readonly clock?: Clock
}

/**
 * Starts every part of Nudge in one process: database (migrated), carriers or the built-in
 * SMSC simulator, delivery worker, webhook dispatcher and HTTP API. `close()` stops them in
 * the reverse order, letting in-flight work finish and committing what is pending.
 */
export async function startNudge(options: StartOptions): Promise<RunningNudge> {
  // Everything started so far, stopped in reverse by close() or when a later part fails to
  // start, so a failed start leaves nothing running behind it.
  const stops: (() => Promise<void> | void)[] = []
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await stop()
  }
  try {
    return await startParts(options, stops, stopAll)
  } catch (err) {
    await stopAll()
    throw err
  }
}

async function startParts(
  options: StartOptions,
  stops: (() => Promise<void> | void)[],
  stopAll: () => Promise<void>,
): Promise<RunningNudge> {
  const { config, logger } = options
  const clock = options.clock ?? systemClock
  const prices = loadPriceTable(config.messages.pricesFile)

  const { db, close: closeDb } = openSqlite({ file: config.database })
  const groupCommit = new GroupCommit(db)
  stops.push(async () => {
    await groupCommit.drain()
    await closeDb()
  })
  const { applied } = await migrate(db)
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied')

  const hasher = new KeyedHasher(
    loadErasureKey({ key: config.compliance.erasureKey, file: config.compliance.erasureKeyFile }),
  )
  const quietHours = await createQuietHours({
    countryRulesFile: config.compliance.quietHoursRulesFile,
  })
  const gate = new ComplianceGate({ quietHours, hasher })

  const registry = new StoreRegistry({ db, clock })
  const directory = new StoreDirectory({ registry, logger })
  await directory.start()
  stops.push(() => directory.stop())

  const simulator =
    config.carriers.length === 0
      ? await startSmscSimulator({
          host: '127.0.0.1',
          smppPort: 0,
          controlPort: 0,
          receiptDelayMs: config.simulator.receiptDelayMs,
          logger: logger.child({ component: 'smsc-simulator' }),
        })
      : undefined
  if (simulator !== undefined) stops.push(() => simulator.close())
  const routes = new RouteTable(buildRoutes(config, simulator, logger))
  stops.push(async () => {
    await Promise.all(routes.all().map((r) => r.carrier.close()))
  })

  const webhookLifetimeMs = config.webhooks.giveUpAfterSeconds * 1000
  const dispatcher = new WebhookDispatcher({
    db,
    groupCommit,
    clock,
    logger,
    schedule: new RetrySchedule(config.webhooks),
    concurrency: config.webhooks.concurrency,
    requestTimeoutMs: config.webhooks.requestTimeoutMs,
  })
  const onEventsRecorded = (): void => dispatcher.wake()
  const keywords: KeywordDeps = {
    gate,
    hasher,
    prices,
    maxSegments: config.messages.maxSegments,
    webhookLifetimeMs,
  }
  const listener = new CarrierListener({
    groupCommit,
    clock,
    logger,
    routes,
    stores: directory,
    webhookLifetimeMs,
    keywords,
    onEventsRecorded,
    onQueued: () => worker.wake(),
  })
  const metrics = createMetrics({ db, routes, listener })
  const worker = new DeliveryWorker({
    db,
    groupCommit,
    clock,
    logger,
    routes,
    stores: directory,
    webhookLifetimeMs,
    onEventsRecorded,
    observeSubmit: metrics.observeSubmit,
  })

  const api = await buildApi({
    db,
    groupCommit,
    clock,
    logger,
    registry,
    directory,
    prices,
    maxSegments: config.messages.maxSegments,
    gate,
    hasher,
    webhookLifetimeMs,
    onQueued: () => worker.wake(),
    onWebhooksQueued: () => dispatcher.wake(),
    metrics: metrics.source,
  })

  listener.start()
  stops.push(() => listener.stop())
  dispatcher.start()
  stops.push(() => dispatcher.stop())
  await worker.start()
  stops.push(() => worker.stop())
  const apiUrl = await api.listen({ host: config.server.host, port: config.server.port })
  stops.push(() => api.close())

  logger.info(
    {
      api: apiUrl,
      docs: `${apiUrl}/docs`,
      database: config.database,
      config: config.source ?? 'defaults',
      smsc: simulator
        ? {
            simulator: true,
            smpp: `127.0.0.1:${simulator.smppPort}`,
            control: `http://127.0.0.1:${simulator.controlPort}`,
          }
        : config.carriers.map((c) => ({ carrier: c.id, smpp: `${c.host}:${c.port}`, tls: c.tls })),
    },
    'nudge started',
  )

  return {
    apiUrl,
    api,
    registry,
    worker,
    dispatcher,
    listener,
    simulator,
    async close() {
      await stopAll()
      logger.info('nudge stopped')
    },
  }
}

function buildRoutes(
  config: Config,
  simulator: SmscSimulator | undefined,
  logger: Logger,
): Route[] {
  if (simulator !== undefined) {
    const carrier: CarrierConnection = new SmppCarrier({
      carrierId: 'simulator',
      host: '127.0.0.1',
      port: simulator.smppPort,
      tls: false,
      systemId: 'nudge',
      password: 'nudge',
      systemType: '',
      bindCount: 1,
      windowSize: config.simulator.window,
      enquireLinkSeconds: 30,
      packedGsm7: false,
      logger,
    })
    return [
      {
        routeId: 'simulator',
        carrier,
        segmentsPerSecond: config.simulator.segmentsPerSecond,
        window: config.simulator.window,
        destinations: [{ prefix: '+', priority: 1000 }],
      },
    ]
  }

  return config.carriers.map((c) => ({
    routeId: c.id,
    carrier: new SmppCarrier({
      carrierId: c.id,
      host: c.host,
      port: c.port,
      tls: c.tls,
      systemId: c.systemId,
      password: c.password,
      systemType: c.systemType,
      bindCount: c.binds,
      windowSize: c.window,
      enquireLinkSeconds: c.enquireLinkSeconds,
      packedGsm7: c.packedGsm7,
      logger,
    }),
    segmentsPerSecond: c.segmentsPerSecond,
    window: c.window * c.binds,
    destinations: c.destinations,
  }))
}
