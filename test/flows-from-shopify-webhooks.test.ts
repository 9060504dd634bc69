import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DiscountPlatforms } from '../src/automation/discounts/index.js'
import {
  CheckoutStepRunner,
  FlowEngine,
  type FlowEngineDeps,
} from '../src/automation/flows/index.js'
import { createLinkShortener } from '../src/automation/links/index.js'
import { FlowScheduler } from '../src/automation/scheduler/index.js'
import { createTemplateRenderer } from '../src/automation/templates/index.js'
import { ComplianceGate, createQuietHours, KeyedHasher } from '../src/compliance/index.js'
import { loadPriceTable } from '../src/messaging/index.js'
import { silentLogger } from '../src/runtime/index.js'
import { GroupCommit } from '../src/storage/index.js'
import { startApiHarness, TEST_ERASURE_KEY } from './support/api-harness.js'
import { readFixture, sendShopifyWebhook } from './support/store-webhooks.js'

const SECRET = 'shpss_northwind_webhooks'
const MINUTE = 60_000
const HOUR = 60 * MINUTE

/**
 * The shared Shopify fixtures, signed and posted as Shopify posts them: Mara's checkout (she
 * ticked the SMS box) starts a run whose reminder goes 30 minutes later; her order ends the
 * run and is confirmed; the fulfillment is announced with a short tracking link.
 */
test('Shopify checkouts, orders and fulfillments become a reminder, a confirmation and a shipping text', async (t) => {
  const logger = silentLogger()
  const deps: FlowEngineDeps = {
    renderer: createTemplateRenderer(),
    shortener: createLinkShortener(),
    prices: loadPriceTable(),
    maxSegments: 10,
    gate: new ComplianceGate({
      quietHours: await createQuietHours(),
      hasher: new KeyedHasher(TEST_ERASURE_KEY),
    }),
    webhookLifetimeMs: 60_000,
    logger,
  }
  const h = await startApiHarness({ storeEventSink: new FlowEngine(deps) })
  t.after(() => h.close())
  const groupCommit = new GroupCommit(h.db)
  const discounts = new DiscountPlatforms()
  t.after(() => discounts.close())
  const scheduler = new FlowScheduler({
    groupCommit,
    clock: h.clock,
    logger,
    runner: new CheckoutStepRunner(deps, { db: h.db, groupCommit, clock: h.clock, discounts }),
  })
  const shop = await h.store('Northwind', {
    platform: 'shopify',
    platformSecret: SECRET,
    publicBaseUrl: 'https://northwind.example',
    defaultSender: '+12025550100',
    defaultCountry: 'US',
  })
  const deliver = async (topic: string, fixture: string): Promise<void> => {
    const body = readFixture('shopify', fixture)
    const res = await sendShopifyWebhook(h.app, { storeId: shop.id, secret: SECRET, topic, body })
    assert.equal(res.statusCode, 200, res.body)
  }
  const messages = () => h.db.selectFrom('messages').selectAll().orderBy('created_at').execute()
  const linkOf = (messageId: string) =>
    h.db
      .selectFrom('links')
      .select(['code', 'target_url'])
      .where('message_id', '=', messageId)
      .executeTakeFirstOrThrow()

  // The checkout's own time, 20:16 in Washington: the reminder at 20:46 is before 21:00.
  const checkoutAtMs = Date.parse('2026-11-27T20:16:41-05:00')
  h.clock.set(checkoutAtMs)
  await deliver('checkouts/create', 'checkouts-create.json')
  h.clock.set(checkoutAtMs + 30 * MINUTE)
  assert.equal(await scheduler.runOnce(), 1)

  const [reminder] = await messages()
  const reminderLink = await linkOf(reminder!.id)
  assert.equal(
    reminder!.body,
    'Hi Mara, you left something in your cart at Northwind. Complete your order: ' +
      `https://northwind.example/r/${reminderLink.code} Reply STOP to opt out.`,
  )
  assert.equal(
    reminderLink.target_url,
    'https://northwind-outfitters.myshopify.com/71234567/checkouts/ac/' +
      'b7c1e0a4d2f94c6e8a1b3c5d7e9f0a12/recover?key=6f2a9c1e44b0d7a3',
  )
  assert.deepEqual([reminder!.status, reminder!.recipient], ['queued', '+12025550143'])

  h.clock.set(Date.parse('2026-11-28T09:41:17-05:00'))
  await deliver('orders/create', 'orders-create.json')
  h.clock.set(Date.parse('2026-11-29T14:02:55-05:00'))
  await deliver('fulfillments/create', 'fulfillments-create.json')
  h.clock.set(checkoutAtMs + 48 * HOUR)
  assert.equal(await scheduler.runOnce(), 0)

  const [, confirmation, shipped] = await messages()
  assert.equal(
    confirmation!.body,
    'Northwind: thank you for your order #1042! Total $62.21. We will text you when it ships.',
  )
  const trackingLink = await linkOf(shipped!.id)
  assert.equal(
    shipped!.body,
    'Northwind: your order #1042 is on its way with UPS. Track it: ' +
      `https://northwind.example/r/${trackingLink.code}`,
  )
  assert.equal(trackingLink.target_url, 'https://tracking.example.net/track?num=1Z999AA10123456784')
  assert.equal((await messages()).length, 3)
  const run = await h.db
    .selectFrom('flow_runs')
    .selectAll()
    .where('flow', '=', 'abandoned_checkout')
    .executeTakeFirstOrThrow()
  assert.deepEqual(
    [run.status, run.reason, run.order_id],
    ['converted', 'ORDER_PLACED', '820982911946154508'],
  )
})
