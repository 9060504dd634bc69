import {
  CheckoutStepRunner,
  FlowEngine,
  type FlowEngineDeps,
  type FlowRunRow,
  type FlowStepRow,
} from '../../src/automation/flows/index.js'
import { DiscountPlatforms, saveDiscountSettings } from '../../src/automation/discounts/index.js'
import { createLinkShortener } from '../../src/automation/links/index.js'
import { FlowScheduler } from '../../src/automation/scheduler/index.js'
import { createTemplateRenderer } from '../../src/automation/templates/index.js'
import type { CheckoutUpdated, StoreEvent } from '../../src/commerce/index.js'
import {
  ComplianceGate,
  createQuietHours,
  KeyedHasher,
  recordConsent,
} from '../../src/compliance/index.js'
import { loadPriceTable, type MessageRow } from '../../src/messaging/index.js'
import { ManualClock, silentLogger } from '../../src/runtime/index.js'
import { GroupCommit, type Db } from '../../src/storage/index.js'
import { StoreRegistry, type ComplianceSettings, type Store } from '../../src/stores/index.js'
import { MockStorePlatform, shopifyAnswers } from './mock-store-platform.js'
import { openTestDatabase, type TestDatabaseKind } from './test-database.js'

export const SHOPPER = '+12025550143'
export const ERASURE_KEY = 'flow-harness-erasure-key-0123456789abcdef'
export const STORE_URL = 'https://northwind.example'
export const SHOPIFY_TOKEN = 'shpat_0123456789abcdef'
/** 10:30 in Washington, inside the hours promotions may go. */
export const START_MS = Date.parse('2026-11-27T15:30:00Z')
export const MINUTE = 60_000
export const HOUR = 60 * MINUTE

/**
 * The flows over a fresh database: a Shopify store with a public base URL and a sender, the
 * real compliance gate, template renderer and link shortener, a mock Shopify admin API on
 * loopback for discount codes, and a scheduler run by hand on a ManualClock.
 */
export interface FlowHarness {
  readonly db: Db
  readonly clock: ManualClock
  readonly shopify: MockStorePlatform
  readonly engine: FlowEngine
  readonly deps: FlowEngineDeps
  store(): Store
  /** Replaces some compliance settings of the store. */
  configure(settings: Partial<ComplianceSettings>): Promise<void>
  /** Hands an event to the flows in a transaction of its own, as the ingest does. */
  deliver(event: StoreEvent): Promise<void>
  /** Runs one scheduler look at the clock's time; resolves with how many steps it took. */
  runDue(): Promise<number>
  /** A scheduler over new objects, as after a restart. */
  restartScheduler(): void
  optIn(phone?: string): Promise<void>
  optOut(phone?: string, scope?: 'marketing' | 'all'): Promise<void>
  messages(): Promise<MessageRow[]>
  runs(): Promise<FlowRunRow[]>
  steps(): Promise<FlowStepRow[]>
  /** The short link code stored for a message's only link. */
  linkCode(messageId: string): Promise<string>
  close(): Promise<void>
}

export async function startFlowHarness(
  options: { database?: TestDatabaseKind; discountAttempts?: number } = {},
): Promise<FlowHarness> {
  const { db, close } = await openTestDatabase(options.database ?? 'sqlite')
  const clock = new ManualClock(START_MS)
  const logger = silentLogger()
  const registry = new StoreRegistry({ db, clock })
  const groupCommit = new GroupCommit(db)
  const hasher = new KeyedHasher(ERASURE_KEY)
  const gate = new ComplianceGate({ quietHours: await createQuietHours(), hasher })

  const shopify = new MockStorePlatform()
  shopify.answer = shopifyAnswers()
  const shopifyUrl = await shopify.start()

  const created = await registry.create('Northwind', {
    platform: 'shopify',
    publicBaseUrl: STORE_URL,
  })
  let store = await registry.update(created.store.id, {
    defaultSender: '+12025550100',
    defaultCountry: 'US',
  })
  await saveDiscountSettings(db, {
    storeId: store.id,
    settings: {
      apiUrl: shopifyUrl,
      credentials: { kind: 'access_token', accessToken: SHOPIFY_TOKEN },
      prefix: 'NUDGE-',
    },
    nowMs: clock.now(),
  })

  const deps: FlowEngineDeps = {
    renderer: createTemplateRenderer(),
    shortener: createLinkShortener(),
    prices: loadPriceTable(),
    maxSegments: 10,
    gate,
    webhookLifetimeMs: 60_000,
    logger,
  }
  const engine = new FlowEngine(deps)
  const discounts = new DiscountPlatforms({ timeoutMs: 2000 })
  const newScheduler = (): FlowScheduler =>
    new FlowScheduler({
      groupCommit,
      clock,
      logger,
      runner: new CheckoutStepRunner(deps, {
        db,
        groupCommit,
        clock,
        discounts,
        discountAttempts: options.discountAttempts,
      }),
    })
  let scheduler = newScheduler()

  const consent = (action: 'opt_in' | 'opt_out', phone: string, scope: 'marketing' | 'all') =>
    groupCommit.run((trx) =>
      recordConsent(
        trx,
        { hasher, webhookLifetimeMs: 60_000 },
        {
          store,
          change: {
            phone,
            action,
            scope,
            source: 'checkout',
            evidence: {
              wording: 'Text me offers',
              pageUrl: null,
              ip: null,
              userAgent: null,
              collectedAtMs: clock.now(),
            },
          },
          nowMs: clock.now(),
        },
      ),
    )

  return {
    db,
    clock,
    shopify,
    engine,
    deps,
    store: () => store,
    async configure(settings) {
      store = await registry.update(store.id, { compliance: { ...store.compliance, ...settings } })
    },
    deliver: (event) => groupCommit.run((trx) => engine.handle(trx, event, clock.now())),
    runDue: () => scheduler.runOnce(),
    restartScheduler() {
      scheduler = newScheduler()
    },
    async optIn(phone = SHOPPER) {
      await consent('opt_in', phone, 'marketing')
    },
    async optOut(phone = SHOPPER, scope = 'marketing') {
      await consent('opt_out', phone, scope)
    },
    async messages() {
      const rows = await db.selectFrom('messages').selectAll().orderBy('id').execute()
      return rows as MessageRow[]
    },
    runs: () => db.selectFrom('flow_runs').selectAll().orderBy('id').execute(),
    steps: () =>
      db
        .selectFrom('flow_steps')
        .selectAll()
        .orderBy('run_id')
        .orderBy('generation')
        .orderBy('position')
        .execute(),
    async linkCode(messageId) {
      const link = await db
        .selectFrom('links')
        .select('code')
        .where('message_id', '=', messageId)
        .executeTakeFirstOrThrow()
      return link.code
    },
    async close() {
      await groupCommit.drain()
      await discounts.close()
      await shopify.close()
      await close()
    },
  }
}

/**
 * A checkout as the Shopify ingest hands it over, after the shared checkouts/create fixture:
 * Maya's cart with one pair of running shoes, her number, and the recovery link.
 */
export function checkoutEvent(
  storeId: string,
  overrides: Partial<CheckoutUpdated> = {},
): CheckoutUpdated {
  return {
    type: 'checkout.updated',
    storeId,
    platform: 'shopify',
    checkoutId: 'c1-7a3f',
    phone: SHOPPER,
    consent: {
      marketing: true,
      wording: 'Text me offers',
      pageUrl: null,
      ip: null,
      userAgent: null,
      collectedAtMs: START_MS,
    },
    customer: { firstName: 'Maya', lastName: 'Okafor', email: 'maya@example.com' },
    items: [
      {
        title: 'Trail Runner 2',
        variantTitle: 'Blue / 42',
        quantity: 1,
        priceMicros: 59_990_000,
        productUrl: null,
        imageUrl: null,
      },
    ],
    totalMicros: 64_980_000,
    currency: 'USD',
    recoveryUrl: 'https://northwind.myshopify.com/548380009/checkouts/ac/c1-7a3f/recover?key=e2b1',
    shippingAddress: { countryCode: 'US', provinceCode: 'DC', zip: '20001' },
    completedAtMs: null,
    updatedAtMs: START_MS,
    ...overrides,
  }
}
