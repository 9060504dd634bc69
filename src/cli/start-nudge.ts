import type { FastifyInstance } from 'fastify'
import { AttributionRecorder } from '../analytics/index.js'
import { buildApi, createMetrics } from '../api/index.js'
import { startSmscSimulator, type SmscSimulator } from '../carriers/index.js'
import { DiscountPlatforms } from '../automation/discounts/index.js'
import { CheckoutStepRunner, FlowEngine, type FlowEngineDeps } from '../automation/flows/index.js'
import { createLinkShortener } from '../automation/links/index.js'
import { FlowScheduler } from '../automation/scheduler/index.js'
import { createTemplateRenderer } from '../automation/templates/index.js'
import { combineSinks } from '../commerce/index.js'
import { ComplianceGate, createQuietHours, type KeywordDeps } from '../compliance/index.js'
import type { Config } from '../config/index.js'
import {
  CarrierListener,
  DeliveryWorker,
  LeasedOwnership,
  RouteTable,
  SoleOwnership,
  type RouteDescription,
  type RouteOwnership,
} from '../delivery/index.js'
import { loadPriceTable } from '../messaging/index.js'
import { newId, systemClock, type Clock, type Logger } from '../runtime/index.js'
import {
  GroupCommit,
  migrate,
  openDatabase,
  type DatabaseKind,
  type Db,
  type Wakeups,
} from '../storage/index.js'
import { StoreDirectory, StoreRegistry } from '../stores/index.js'
import { RetrySchedule, WebhookDispatcher } from '../webhooks/index.js'
import { buildRoutes } from './build-routes.js'
import { erasureHasherFor } from './erasure-hasher.js'

/** A running Nudge: its API address, and the parts tests and tools may look at. */
export interface RunningNudge {
  readonly apiUrl: string
  readonly api: FastifyInstance
  readonly registry: StoreRegistry
  /** The sending side; absent in an `api` process. */
  readonly worker: DeliveryWorker | undefined
  readonly dispatcher: WebhookDispatcher | undefined
  readonly listener: CarrierListener | undefined
  /** Runs the flows' delayed steps; absent in an `api` process. */
  readonly flowScheduler: FlowScheduler | undefined
  /** The built-in SMSC, when no carrier is configured. */
  readonly simulator: SmscSimulator | undefined
  close(): Promise<void>
}

export interface StartOptions {
  readonly config: Config
  readonly logger: Logger
  readonly clock?: Clock
  /**
   * Called when this process can no longer do its job safely (it lost a route's lease to
   * another worker); the caller should close it and exit so a supervisor restarts it.
   */
  readonly onFatal?: (err: Error) => void
}

/**
 * Starts Nudge in this process, in its configured role: database (migrated), then for the
 * sending side carriers or the built-in SMSC simulator, delivery worker and webhook
 * dispatcher, and the HTTP API. `close()` stops them in the reverse order, letting in-flight
 * work finish and committing what is pending.
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

interface SendingSide {
  readonly worker: DeliveryWorker
  readonly dispatcher: WebhookDispatcher
  readonly listener: CarrierListener
  readonly flowScheduler: FlowScheduler
  readonly routes: RouteTable
  readonly ownership: RouteOwnership
  readonly simulator: SmscSimulator | undefined
  readonly observeSubmit: (latencySeconds: number, outcome: string) => void
}

async function startParts(
  options: StartOptions,
  stops: (() => Promise<void> | void)[],
  stopAll: () => Promise<void>,
): Promise<RunningNudge> {
  const { config, logger } = options
  const clock = options.clock ?? systemClock
  const prices = loadPriceTable(config.messages.pricesFile)
  const processId = newId('proc', clock.now())
  // Before the database is touched: a missing key stops the start with nothing changed.
  const hasher = erasureHasherFor(config)

  const { db, kind, wakeups, close: closeDb } = openDatabase(config.database)
  const groupCommit = new GroupCommit(db)
  stops.push(async () => {
    await groupCommit.drain()
    await closeDb()
  })
  const { applied } = await migrate(db)
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied')

  const quietHours = await createQuietHours({
    countryRulesFile: config.compliance.quietHoursRulesFile,
  })
  const gate = new ComplianceGate({ quietHours, hasher })

  const registry = new StoreRegistry({ db, clock })
  const directory = new StoreDirectory({ registry, logger })
  await directory.start()
  stops.push(() => directory.stop())

  const webhookLifetimeMs = config.webhooks.giveUpAfterSeconds * 1000
  // Flows act on store events wherever the ingest runs (the API); their delayed steps run
  // on the sending side only, claimed once each across a cluster.
  const flows: FlowEngineDeps = {
    renderer: createTemplateRenderer(),
    shortener: createLinkShortener(),
    prices,
    maxSegments: config.messages.maxSegments,
    gate,
    webhookLifetimeMs,
    logger: logger.child({ component: 'flows' }),
  }
  let sending: SendingSide | undefined
  const metrics = createMetrics({
    db,
    routes: () => sending?.routes ?? new RouteTable([]),
    listener: () => sending?.listener,
  })
  if (config.role !== 'api') {
    sending = await startSendingSide({
      options,
      stops,
      db,
      kind,
      groupCommit,
      clock,
      processId,
      directory,
      webhookLifetimeMs,
      wakeups,
      keywords: {
        gate,
        hasher,
        prices,
        maxSegments: config.messages.maxSegments,
        webhookLifetimeMs,
      },
      observeSubmit: metrics.observeSubmit,
      flows,
    })
  }

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
    // Wakes the sending side, in this process and in every worker sharing the database.
    onQueued: () => wakeups.signal('queue'),
    onWebhooksQueued: () => wakeups.signal('webhooks'),
    // Attribution first: it reads the flow runs as they were before the order ends them.
    storeEventSink: combineSinks(
      new AttributionRecorder({ logger: logger.child({ component: 'attribution' }) }),
      new FlowEngine(flows),
    ),
    metrics: metrics.source,
    surface: config.role === 'worker' ? 'operations' : 'full',
    describeRoutes: () => describeRoutes(config, sending),
    describeProcess: () => ({
      role: config.role,
      routesOwned: sending?.ownership.ownedRouteIds() ?? [],
    }),
  })
  const apiUrl = await api.listen({ host: config.server.host, port: config.server.port })
  stops.push(() => api.close())

  const { simulator } = sending ?? {}
  logger.info(
    {
      api: apiUrl,
      docs: `${apiUrl}/docs`,
      role: config.role,
      process: processId,
      database: kind === 'postgres' ? 'postgres' : config.database,
      config: config.source ?? 'defaults',
      smsc:
        config.role === 'api'
          ? undefined
          : simulator
            ? {
                simulator: true,
                smpp: `127.0.0.1:${simulator.smppPort}`,
                control: `http://127.0.0.1:${simulator.controlPort}`,
              }
            : config.carriers.map((c) => ({
                carrier: c.id,
                smpp: `${c.host}:${c.port}`,
                tls: c.tls,
              })),
    },
    'nudge started',
  )

  return {
    apiUrl,
    api,
    registry,
    worker: sending?.worker,
    dispatcher: sending?.dispatcher,
    listener: sending?.listener,
    flowScheduler: sending?.flowScheduler,
    simulator,
    async close() {
      await stopAll()
      logger.info('nudge stopped')
    },
  }
}

/**
 * Carriers, delivery worker, receipt listener and webhook dispatcher. Alone on SQLite the
 * process owns every route; on PostgreSQL, where other workers may share the queue, routes
 * are taken through leases and each carrier binds only once its route is owned here.
 */
async function startSendingSide(parts: {
  options: StartOptions
  stops: (() => Promise<void> | void)[]
  db: Db
  kind: DatabaseKind
  groupCommit: GroupCommit
  clock: Clock
  processId: string
  directory: StoreDirectory
  webhookLifetimeMs: number
  /** What answering STOP, START and HELP on inbound messages needs. */
  keywords: KeywordDeps
  wakeups: Wakeups
  observeSubmit: (latencySeconds: number, outcome: string) => void
  /** What the flows' delayed steps need to become messages. */
  flows: FlowEngineDeps
}): Promise<SendingSide> {
  const { options, stops, db, groupCommit, clock, directory, webhookLifetimeMs } = parts
  const { config, logger } = options

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
  const listener = new CarrierListener({
    groupCommit,
    clock,
    logger,
    routes,
    stores: directory,
    webhookLifetimeMs,
    keywords: parts.keywords,
    onEventsRecorded,
    onQueued: () => worker.wake(),
  })

  const routeIds = routes.all().map((r) => r.routeId)
  const ownership =
    parts.kind === 'sqlite'
      ? new SoleOwnership(routeIds)
      : new LeasedOwnership({
          db,
          clock,
          logger,
          owner: parts.processId,
          routeIds,
          async onAcquired(routeId) {
            routes.byId(routeId)?.carrier.connect()
            await worker.adoptRoute(routeId)
          },
          onLost(routeId) {
            options.onFatal?.(new Error(`lost the lease on route ${routeId} to another process`))
          },
        })
  // Referred to by `onAcquired` above, which first runs in ownership.start(), below.
  const worker = new DeliveryWorker({
    db,
    groupCommit,
    clock,
    logger,
    routes,
    ownership,
    stores: directory,
    webhookLifetimeMs,
    onEventsRecorded,
    observeSubmit: parts.observeSubmit,
  })

  // Listeners first: an SMSC flushes stored receipts right after the bind.
  listener.start()
  stops.push(() => listener.stop())
  if (ownership instanceof LeasedOwnership) {
    await ownership.start()
    stops.push(() => ownership.stop())
  } else {
    for (const route of routes.all()) route.carrier.connect()
  }
  dispatcher.start()
  stops.push(() => dispatcher.stop())
  await worker.start()
  stops.push(() => worker.stop())

  const discounts = new DiscountPlatforms()
  stops.push(() => discounts.close())
  const flowScheduler = new FlowScheduler({
    groupCommit,
    clock,
    logger: logger.child({ component: 'flow-scheduler' }),
    runner: new CheckoutStepRunner(parts.flows, {
      db,
      groupCommit,
      clock,
      discounts,
      onQueued: () => worker.wake(),
    }),
  })
  flowScheduler.start()
  stops.push(() => flowScheduler.stop())
  parts.wakeups.subscribe('queue', () => worker.wake())
  parts.wakeups.subscribe('webhooks', () => dispatcher.wake())
  return { worker, dispatcher, listener, flowScheduler, routes, ownership, simulator, ...parts }
}

/**
 * The routes as this process sees them: where it sends, the live routes with their binds up
 * (counted only on a route this process owns, since only the owner binds); in an `api`
 * process, the configured carriers, whose binds another process holds.
 */
function describeRoutes(config: Config, sending: SendingSide | undefined): RouteDescription[] {
  if (sending === undefined) {
    return config.carriers.map((c) => ({
      routeId: c.id,
      host: c.host,
      port: c.port,
      bindsConfigured: c.binds,
      bindsUp: null,
      segmentsPerSecond: c.segmentsPerSecond,
    }))
  }
  const owned = new Set(sending.ownership.ownedRouteIds())
  return sending.routes.all().map((route) => ({
    routeId: route.routeId,
    host: route.address.host,
    port: route.address.port,
    bindsConfigured: route.address.binds,
    bindsUp: owned.has(route.routeId) ? route.carrier.bindsUp() : null,
    segmentsPerSecond: route.segmentsPerSecond,
  }))
}
