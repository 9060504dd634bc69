import {
  ComplianceGate,
  createQuietHours,
  KeyedHasher,
  listDecisions,
  recordConsent,
  type ConsentChange,
  type ContactDetails,
  type GateDecision,
  type KeywordDeps,
  type QuietHours,
  type RecordedConsent,
} from '../../src/compliance/index.js'
import {
  CarrierListener,
  DeliveryWorker,
  RouteTable,
  SoleOwnership,
} from '../../src/delivery/index.js'
import {
  acceptMessage,
  findMessage,
  loadPriceTable,
  type MessageRow,
  type SendMessageRequest,
} from '../../src/messaging/index.js'
import { ManualClock, silentLogger } from '../../src/runtime/index.js'
import { GroupCommit, type Db } from '../../src/storage/index.js'
import {
  StoreDirectory,
  StoreRegistry,
  type ComplianceSettings,
  type Store,
} from '../../src/stores/index.js'
import { TEST_ERASURE_KEY } from './api-harness.js'
import { RecordingCarrier } from './recording-carrier.js'
import { openTestDatabase, type TestDatabaseKind } from './test-database.js'

/** The number the harness store sends from and receives replies on. */
export const STORE_NUMBER = '+12025550100'

/**
 * Gate, consent and keywords over a fresh in-memory database, with a delivery worker and a
 * carrier listener on a carrier in memory: messages go as far as `submit`, replies come in as
 * they would from an SMSC. Time is a ManualClock.
 */
export interface ComplianceHarness {
  readonly db: Db
  readonly clock: ManualClock
  readonly carrier: RecordingCarrier
  readonly hasher: KeyedHasher
  readonly groupCommit: GroupCommit
  /** What the keyword, consent and double opt-in functions need. */
  readonly deps: KeywordDeps
  store(): Store
  /** Replaces some compliance settings of the store. */
  configure(settings: Partial<ComplianceSettings>): Promise<void>
  send(request: Partial<SendMessageRequest>): Promise<MessageRow>
  /** An opt-in to promotions at checkout unless `change` says otherwise. */
  record(
    change: Partial<ConsentChange> & Pick<ConsentChange, 'phone'>,
    details?: ContactDetails,
  ): Promise<RecordedConsent>
  /** A text from a handset to the store's number, stored (and answered) like a real one. */
  inbound(from: string, text: string): Promise<void>
  message(id: string): Promise<MessageRow>
  decisions(phone?: string): Promise<GateDecision[]>
  /** Lets the worker look at the queue and waits until it is idle. */
  deliverDue(): Promise<void>
  close(): Promise<void>
}

export async function startComplianceHarness(
  options: { quietHours?: QuietHours; startMs?: number; database?: TestDatabaseKind } = {},
): Promise<ComplianceHarness> {
  const { db, close } = await openTestDatabase(options.database ?? 'sqlite')
  const clock = new ManualClock(options.startMs ?? Date.parse('2026-11-27T15:30:00Z'))
  const logger = silentLogger()
  const registry = new StoreRegistry({ db, clock })
  const directory = new StoreDirectory({ registry, logger })
  const groupCommit = new GroupCommit(db)
  const hasher = new KeyedHasher(TEST_ERASURE_KEY)
  const gate = new ComplianceGate({
    quietHours: options.quietHours ?? (await createQuietHours()),
    hasher,
  })

  const created = await registry.create('Northwind')
  let store = await registry.update(created.store.id, {
    defaultSender: STORE_NUMBER,
    defaultCountry: 'US',
  })
  await directory.refresh()

  const carrier = new RecordingCarrier()
  const routes = new RouteTable([
    {
      routeId: 'recording',
      carrier,
      segmentsPerSecond: 1000,
      window: 10,
      destinations: [{ prefix: '+', priority: 1 }],
      address: { host: '127.0.0.1', port: 0, binds: 1 },
    },
  ])
  const deps = {
    gate,
    hasher,
    prices: loadPriceTable(),
    maxSegments: 10,
    webhookLifetimeMs: 60_000,
  }
  const worker = new DeliveryWorker({
    db,
    groupCommit,
    clock,
    logger,
    routes,
    ownership: new SoleOwnership(routes.all().map((r) => r.routeId)),
    stores: directory,
    webhookLifetimeMs: deps.webhookLifetimeMs,
    onEventsRecorded: () => undefined,
    pollIntervalMs: 10,
  })
  const listener = new CarrierListener({
    groupCommit,
    clock,
    logger,
    routes,
    stores: directory,
    webhookLifetimeMs: deps.webhookLifetimeMs,
    keywords: deps,
    onEventsRecorded: () => undefined,
  })
  listener.start()
  await worker.start()

  return {
    db,
    clock,
    carrier,
    hasher,
    groupCommit,
    deps,
    store: () => store,
    async configure(settings) {
      store = await registry.update(store.id, { compliance: { ...store.compliance, ...settings } })
      await directory.refresh()
    },
    async send(request) {
      const result = await acceptMessage({ ...deps, groupCommit, clock }, store, {
        to: '+12025550143',
        body: 'Winter sale: 20% off everything',
        ...request,
      })
      return result.message
    },
    record(change, details) {
      return groupCommit.run((trx) =>
        recordConsent(trx, deps, {
          store,
          details,
          change: {
            action: 'opt_in',
            scope: 'marketing',
            source: 'checkout',
            evidence: {
              wording: 'Text me offers',
              pageUrl: null,
              ip: null,
              userAgent: null,
              collectedAtMs: clock.now(),
            },
            ...change,
          },
          nowMs: clock.now(),
        }),
      )
    },
    inbound: (from, text) =>
      carrier.deliverInbound({
        sender: from.replace(/^\+/, ''),
        recipient: STORE_NUMBER.slice(1),
        text,
      }),
    async message(id) {
      const row = await findMessage(db, store.id, id)
      if (row === undefined) throw new Error(`no message ${id}`)
      return row
    },
    decisions: (phone) => listDecisions(db, store.id, { phone, limit: 1000 }),
    async deliverDue() {
      // Waiting: queued or being sent, or scheduled and due by the manual clock.
      const waiting = async (): Promise<number> => {
        const row = await db
          .selectFrom('messages')
          .select(db.fn.countAll().as('n'))
          .where((eb) =>
            eb.or([
              eb('status', 'in', ['queued', 'sending']),
              eb.and([eb('status', '=', 'scheduled'), eb('due_at', '<=', clock.now())]),
            ]),
          )
          .executeTakeFirstOrThrow()
        return Number(row.n)
      }
      worker.wake()
      const deadline = Date.now() + 5000
      while ((await waiting()) > 0) {
        if (Date.now() > deadline) throw new Error('messages still waiting after 5 s')
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    },
    async close() {
      listener.stop()
      await worker.stop()
      await groupCommit.drain()
      await close()
    },
  }
}
