import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkoutEvent,
  MINUTE,
  START_MS,
  startFlowHarness,
} from '../../../test/support/flow-harness.js'
import { dropTestSchema, freshPostgresUrl } from '../../../test/support/test-database.js'
import {
  ComplianceGate,
  createQuietHours,
  KeyedHasher,
  recordConsent,
} from '../../compliance/index.js'
import { loadPriceTable } from '../../messaging/index.js'
import { ManualClock, silentLogger } from '../../runtime/index.js'
import { GroupCommit, migrate, openDatabase, type Db } from '../../storage/index.js'
import { StoreRegistry } from '../../stores/index.js'
import { DiscountPlatforms } from '../discounts/index.js'
import {
  CheckoutStepRunner,
  defaultFlow,
  FlowEngine,
  saveFlow,
  type FlowEngineDeps,
} from '../flows/index.js'
import { createLinkShortener } from '../links/index.js'
import { createTemplateRenderer } from '../templates/index.js'
import { FlowScheduler } from './flow-scheduler.js'
import { claimDueSteps } from './step-claims.js'

const CHECKOUTS = 60

test('two schedulers on PostgreSQL claiming at once run every step exactly once', async (t) => {
  const { url, schema } = freshPostgresUrl()
  const first = openDatabase(url)
  const second = openDatabase(url)
  t.after(async () => {
    await first.close()
    await second.close()
    await dropTestSchema(schema)
  })
  await migrate(first.db)

  const clock = new ManualClock(START_MS)
  const logger = silentLogger()
  const hasher = new KeyedHasher('scheduler-test-erasure-key-0123456789abc')
  const deps: FlowEngineDeps = {
    renderer: createTemplateRenderer(),
    shortener: createLinkShortener(),
    prices: loadPriceTable(),
    maxSegments: 10,
    gate: new ComplianceGate({ quietHours: await createQuietHours(), hasher }),
    webhookLifetimeMs: 60_000,
    logger,
  }
  const registry = new StoreRegistry({ db: first.db, clock })
  const { store: created } = await registry.create('Northwind', { platform: 'shopify' })
  const store = await registry.update(created.id, {
    defaultSender: '+12025550100',
    compliance: { ...created.compliance, frequencyCap: null },
  })
  await saveFlowOn(first.db, store.id)

  const groupCommit = new GroupCommit(first.db)
  const engine = new FlowEngine(deps)
  for (let i = 0; i < CHECKOUTS; i++) {
    const phone = `+1202555${String(1000 + i)}`
    await groupCommit.run(async (trx) => {
      await recordConsent(
        trx,
        { hasher, webhookLifetimeMs: 60_000 },
        {
          store,
          change: {
            phone,
            action: 'opt_in',
            scope: 'marketing',
            source: 'checkout',
            evidence: {
              wording: 'Yes',
              pageUrl: null,
              ip: null,
              userAgent: null,
              collectedAtMs: START_MS,
            },
          },
          nowMs: START_MS,
        },
      )
      await engine.handle(trx, checkoutEvent(store.id, { checkoutId: `c-${i}`, phone }), START_MS)
    })
  }
  await groupCommit.drain()

  // Two processes, each with its own pool, group commit and runner.
  const discounts = new DiscountPlatforms()
  t.after(() => discounts.close())
  const schedulerOn = (db: Db): FlowScheduler => {
    const commit = new GroupCommit(db)
    const runner = new CheckoutStepRunner(deps, { db, groupCommit: commit, clock, discounts })
    return new FlowScheduler({ groupCommit: commit, clock, logger, runner, batchSize: 4 })
  }
  const schedulers = [schedulerOn(first.db), schedulerOn(second.db)]

  clock.set(START_MS + 30 * MINUTE)
  const claimed = [0, 0]
  for (;;) {
    const counts = await Promise.all(schedulers.map((s) => s.runOnce()))
    counts.forEach((n, i) => (claimed[i]! += n))
    if (counts.every((n) => n === 0)) break
  }

  assert.equal(claimed[0]! + claimed[1]!, CHECKOUTS)
  assert.ok(claimed[0]! > 0 && claimed[1]! > 0, `both schedulers took steps: ${claimed.join(', ')}`)
  const messages = await first.db.selectFrom('messages').select(['recipient', 'metadata']).execute()
  assert.equal(messages.length, CHECKOUTS)
  assert.equal(new Set(messages.map((m) => m.recipient)).size, CHECKOUTS)
  const steps = await first.db
    .selectFrom('flow_steps')
    .select(['status', 'message_id'])
    .where('position', '=', 1)
    .execute()
  assert.deepEqual(
    [steps.length, steps.filter((s) => s.status === 'sent' && s.message_id !== null).length],
    [CHECKOUTS, CHECKOUTS],
  )
})

test('a step held by a scheduler that stopped runs once its lease ends, and only once', async (t) => {
  const h = await startFlowHarness()
  t.after(() => h.close())
  await h.optIn()
  await h.deliver(checkoutEvent(h.store().id))
  h.clock.set(START_MS + 30 * MINUTE)

  // A process claims the step and dies before sending.
  await h.db
    .transaction()
    .execute((trx) => claimDueSteps(trx, { nowMs: h.clock.now(), limit: 10, leaseMs: 120_000 }))
  assert.equal(await h.runDue(), 0)
  h.clock.set(START_MS + 30 * MINUTE + 120_000)
  assert.equal(await h.runDue(), 1)
  assert.equal(await h.runDue(), 0)
  assert.equal((await h.messages()).length, 1)
})

/** Abandoned checkouts on, as for a store with a public base URL, but with long links. */
async function saveFlowOn(db: Db, storeId: string): Promise<void> {
  const flow = defaultFlow('abandoned_checkout', { publicBaseUrl: null })
  await saveFlow(db, { storeId, flow: { ...flow, enabled: true }, nowMs: START_MS })
}
