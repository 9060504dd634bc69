import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { OrderPlaced, ShipmentUpdated } from '../../commerce/index.js'
import { SHOPPER, START_MS, startFlowHarness } from '../../../test/support/flow-harness.js'
import { saveFlow } from './flow-store.js'

function order(storeId: string, overrides: Partial<OrderPlaced> = {}): OrderPlaced {
  return {
    type: 'order.placed',
    storeId,
    platform: 'shopify',
    orderId: '820982911946154508',
    orderName: '#1001',
    checkoutId: 'c1-7a3f',
    phone: SHOPPER,
    customer: { firstName: 'Maya', lastName: 'Okafor', email: 'maya@example.com' },
    items: [],
    totalMicros: 64_980_000,
    currency: 'USD',
    discountCodes: [],
    discountMicros: null,
    shippingAddress: null,
    placedAtMs: START_MS,
    ...overrides,
  }
}

function shipment(storeId: string, overrides: Partial<ShipmentUpdated> = {}): ShipmentUpdated {
  return {
    type: 'shipment.updated',
    storeId,
    platform: 'shopify',
    shipmentId: '4904170094890',
    orderId: '820982911946154508',
    orderName: '#1001',
    phone: SHOPPER,
    customer: { firstName: 'Maya', lastName: 'Okafor', email: null },
    trackingNumber: '1Z2345',
    trackingUrl: 'https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z2345',
    trackingCompany: 'UPS',
    status: 'in_transit',
    updatedAtMs: START_MS,
    ...overrides,
  }
}

test('an order is confirmed by text once, however often it is delivered', async (t) => {
  const h = await startFlowHarness()
  t.after(() => h.close())

  await h.deliver(order(h.store().id))
  await h.deliver(order(h.store().id))

  const messages = await h.messages()
  assert.deepEqual(
    messages.map((m) => [m.body, m.category, m.status, m.recipient]),
    [
      [
        'Northwind: thank you for your order #1001! Total $64.98. We will text you when it ships.',
        'transactional',
        'queued',
        SHOPPER,
      ],
    ],
  )
  const [run] = (await h.runs()).filter((r) => r.flow === 'order_confirmation')
  assert.deepEqual(JSON.parse(messages[0]!.metadata ?? '{}'), {
    flow: 'order_confirmation',
    flow_run: run!.id,
  })
  assert.deepEqual(
    [run!.status, run!.subject, (await h.steps()).find((s) => s.run_id === run!.id)?.message_id],
    ['completed', '820982911946154508', messages[0]!.id],
  )
})

test('a shipment with tracking is announced with its carrier and a short tracking link, once per tracking number', async (t) => {
  const h = await startFlowHarness()
  t.after(() => h.close())

  await h.deliver(shipment(h.store().id))
  await h.deliver(shipment(h.store().id, { status: 'delivered', updatedAtMs: START_MS + 1 }))

  const [announced] = await h.messages()
  const code = await h.linkCode(announced!.id)
  assert.equal(
    announced!.body,
    `Northwind: your order #1001 is on its way with UPS. Track it: https://northwind.example/r/${code}`,
  )
  assert.equal(announced!.category, 'transactional')
  const link = await h.db
    .selectFrom('links')
    .select(['target_url', 'flow_run_id'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow()
  assert.equal(
    link.target_url,
    'https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z2345',
  )

  // A new tracking number for the same shipment is news; without a link the number is shown.
  h.clock.set(START_MS + 60_000)
  await h.deliver(
    shipment(h.store().id, { trackingNumber: '1Z9999', trackingUrl: null, trackingCompany: null }),
  )
  const messages = await h.messages()
  assert.deepEqual(
    messages.map((m) => m.body),
    [
      announced!.body,
      'Northwind: your order #1001 is on its way with the carrier. Track it: 1Z9999',
    ],
  )
})

test('no text goes without a number, without tracking, or with the flow switched off', async (t) => {
  const h = await startFlowHarness()
  t.after(() => h.close())

  await h.deliver(order(h.store().id, { phone: null }))
  await h.deliver(shipment(h.store().id, { trackingNumber: null, trackingUrl: null }))
  await saveFlow(h.db, {
    storeId: h.store().id,
    flow: { id: 'order_confirmation', enabled: false, steps: [] },
    nowMs: START_MS,
  })
  await h.deliver(order(h.store().id, { orderId: '820982911946154509' }))

  assert.deepEqual(await h.messages(), [])
  assert.deepEqual(
    (await h.runs()).filter((r) => r.flow !== 'abandoned_checkout'),
    [],
  )
})

test('a confirmation to a number that opted out of everything is stored suppressed, ending its run', async (t) => {
  const h = await startFlowHarness()
  t.after(() => h.close())
  await h.optOut(SHOPPER, 'all')

  await h.deliver(order(h.store().id))

  const [message] = await h.messages()
  assert.deepEqual([message!.status, message!.reason], ['suppressed', 'OPTED_OUT'])
  const [run] = (await h.runs()).filter((r) => r.flow === 'order_confirmation')
  assert.deepEqual([run!.status, run!.reason], ['stopped', 'OPTED_OUT'])
})
