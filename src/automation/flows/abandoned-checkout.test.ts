import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { eraseContact, KeyedHasher } from '../../compliance/index.js'
import {
  checkoutEvent,
  ERASURE_KEY,
  HOUR,
  MINUTE,
  SHOPIFY_TOKEN,
  SHOPPER,
  START_MS,
  startFlowHarness,
} from '../../../test/support/flow-harness.js'
import { DATABASE_KINDS } from '../../../test/support/test-database.js'

const CODE = /^NUDGE-[A-HJ-NP-Z2-9]{8}$/

for (const kind of DATABASE_KINDS) {
  describe(`abandoned checkout flow (${kind})`, () => {
    test('sends the reminder at 30 minutes and, after a restart, the discount at 24 hours with a code Shopify has', async (t) => {
      const h = await startFlowHarness({ database: kind })
      t.after(() => h.close())
      await h.configure({ frequencyCap: null })
      await h.optIn()

      await h.deliver(checkoutEvent(h.store().id))
      h.clock.set(START_MS + 30 * MINUTE - 1)
      assert.equal(await h.runDue(), 0)
      assert.deepEqual(await h.messages(), [])

      h.clock.set(START_MS + 30 * MINUTE)
      assert.equal(await h.runDue(), 1)
      const [reminder] = await h.messages()
      const reminderLink = await h.linkCode(reminder!.id)
      assert.equal(
        reminder!.body,
        'Hi Maya, you left something in your cart at Northwind. Complete your order: ' +
          `https://northwind.example/r/${reminderLink} Reply STOP to opt out.`,
      )
      assert.equal(reminder!.status, 'queued')
      assert.equal(reminder!.category, 'marketing')
      assert.equal(reminder!.recipient, SHOPPER)
      assert.equal(Number(reminder!.created_at), START_MS + 30 * MINUTE)
      assert.equal(h.shopify.requests.length, 0)

      // The next step waits in the database: a scheduler made afresh still finds it.
      h.restartScheduler()
      h.clock.set(START_MS + 24 * HOUR - 1)
      assert.equal(await h.runDue(), 0)
      h.clock.set(START_MS + 24 * HOUR)
      assert.equal(await h.runDue(), 1)

      const messages = await h.messages()
      assert.equal(messages.length, 2)
      const offer = messages[1]!
      const code = /code (\S+):/.exec(offer.body)?.[1] ?? ''
      assert.match(code, CODE)
      const offerLink = await h.linkCode(offer.id)
      assert.equal(
        offer.body,
        `Hi Maya, your cart at Northwind is still waiting. Take 10% off with code ${code}: ` +
          `https://northwind.example/r/${offerLink} Reply STOP to opt out.`,
      )
      assert.equal(Number(offer.created_at), START_MS + 24 * HOUR)

      assert.deepEqual(
        h.shopify.requests.map((r) => ({
          method: r.method,
          path: r.path,
          token: r.headers['x-shopify-access-token'],
          type: r.headers['content-type'],
          body: r.body,
        })),
        [
          {
            method: 'POST',
            path: '/admin/api/2024-10/price_rules.json',
            token: SHOPIFY_TOKEN,
            type: 'application/json',
            body: {
              price_rule: {
                title: code,
                value_type: 'percentage',
                value: '-10.0',
                customer_selection: 'all',
                target_type: 'line_item',
                target_selection: 'all',
                allocation_method: 'across',
                once_per_customer: true,
                usage_limit: 1,
                starts_at: '2026-11-28T15:30:00.000Z',
                ends_at: '2026-12-05T15:30:00.000Z',
              },
            },
          },
          {
            method: 'POST',
            path: '/admin/api/2024-10/price_rules/507328175/discount_codes.json',
            token: SHOPIFY_TOKEN,
            type: 'application/json',
            body: { discount_code: { code } },
          },
        ],
      )

      const [run] = await h.runs()
      assert.equal(run!.status, 'completed')
      assert.deepEqual(
        (await h.steps()).map((s) => [s.position, s.status, s.message_id, s.discount_code]),
        [
          [1, 'sent', reminder!.id, null],
          [2, 'sent', offer.id, code],
        ],
      )
    })

    test('an order before the first reminder ends the run and no reminder is sent', async (t) => {
      const h = await startFlowHarness({ database: kind })
      t.after(() => h.close())
      await h.optIn()
      await h.deliver(checkoutEvent(h.store().id))

      h.clock.set(START_MS + 10 * MINUTE)
      await h.deliver({
        type: 'order.placed',
        storeId: h.store().id,
        platform: 'shopify',
        orderId: '820982911946154508',
        orderName: '#1001',
        checkoutId: 'c1-7a3f',
        phone: SHOPPER,
        customer: { firstName: 'Maya', lastName: 'Okafor', email: null },
        items: [],
        totalMicros: 64_980_000,
        currency: 'USD',
        discountCodes: [],
        discountMicros: null,
        shippingAddress: null,
        placedAtMs: START_MS + 10 * MINUTE,
      })
      h.clock.set(START_MS + 30 * MINUTE)
      assert.equal(await h.runDue(), 0)
      h.clock.set(START_MS + 24 * HOUR)
      assert.equal(await h.runDue(), 0)

      // Only the order confirmation went.
      assert.deepEqual(
        (await h.messages()).map((m) => m.category),
        ['transactional'],
      )
      const runs = await h.runs()
      const checkoutRun = runs.find((r) => r.flow === 'abandoned_checkout')!
      assert.deepEqual(
        [checkoutRun.status, checkoutRun.reason, checkoutRun.order_id],
        ['converted', 'ORDER_PLACED', '820982911946154508'],
      )
      assert.deepEqual(
        (await h.steps()).filter((s) => s.run_id === checkoutRun.id).map((s) => s.status),
        ['cancelled'],
      )
    })

    test('erasing the customer stops the run and leaves no number or cart behind', async (t) => {
      const h = await startFlowHarness({ database: kind })
      t.after(() => h.close())
      await h.optIn()
      await h.deliver(checkoutEvent(h.store().id))

      h.clock.set(START_MS + 10 * MINUTE)
      const hasher = new KeyedHasher(ERASURE_KEY)
      await h.db
        .transaction()
        .execute((trx) =>
          eraseContact(
            trx,
            { hasher, webhookLifetimeMs: 60_000 },
            { store: h.store(), phone: SHOPPER, nowMs: START_MS + 10 * MINUTE },
          ),
        )
      h.clock.set(START_MS + 30 * MINUTE)
      assert.equal(await h.runDue(), 0)

      assert.deepEqual(await h.messages(), [])
      const [run] = await h.runs()
      assert.deepEqual(
        [run!.status, run!.reason, run!.phone, run!.context],
        ['stopped', 'ERASED', hasher.phone(SHOPPER), '{}'],
      )
      assert.deepEqual(
        (await h.steps()).map((s) => s.status),
        ['cancelled'],
      )
    })

    test('an order from the same number without a checkout id also ends the run', async (t) => {
      const h = await startFlowHarness({ database: kind })
      t.after(() => h.close())
      await h.optIn()
      await h.deliver(checkoutEvent(h.store().id))
      await h.deliver({
        type: 'order.placed',
        storeId: h.store().id,
        platform: 'woocommerce',
        orderId: '727',
        orderName: '727',
        checkoutId: null,
        phone: SHOPPER,
        customer: null,
        items: [],
        totalMicros: 64_980_000,
        currency: 'USD',
        discountCodes: [],
        discountMicros: null,
        shippingAddress: null,
        placedAtMs: START_MS,
      })
      h.clock.set(START_MS + 30 * MINUTE)
      assert.equal(await h.runDue(), 0)
      const checkoutRun = (await h.runs()).find((r) => r.flow === 'abandoned_checkout')!
      assert.deepEqual([checkoutRun.status, checkoutRun.reason], ['converted', 'ORDER_PLACED'])
    })

    test('an order that arrives before its checkout keeps the late checkout from starting a run', async (t) => {
      const h = await startFlowHarness({ database: kind })
      t.after(() => h.close())
      await h.optIn()
      await h.deliver({
        type: 'order.placed',
        storeId: h.store().id,
        platform: 'shopify',
        orderId: '820982911946154508',
        orderName: '#1001',
        checkoutId: 'c1-7a3f',
        phone: null,
        customer: null,
        items: [],
        totalMicros: 64_980_000,
        currency: 'USD',
        discountCodes: [],
        discountMicros: null,
        shippingAddress: null,
        placedAtMs: START_MS,
      })
      await h.deliver(checkoutEvent(h.store().id, { updatedAtMs: START_MS - MINUTE }))

      h.clock.set(START_MS + 30 * MINUTE)
      assert.equal(await h.runDue(), 0)
      assert.deepEqual(await h.messages(), [])
      assert.deepEqual(
        (await h.runs()).map((r) => [r.flow, r.status, r.reason]),
        [['abandoned_checkout', 'converted', 'ORDER_PLACED']],
      )
    })

    test('a checkout delivered again makes no second run and keeps the first timers', async (t) => {
      const h = await startFlowHarness({ database: kind })
      t.after(() => h.close())
      await h.optIn()
      await h.deliver(checkoutEvent(h.store().id))
      h.clock.set(START_MS + 5 * MINUTE)
      await h.deliver(checkoutEvent(h.store().id))
      await h.deliver(checkoutEvent(h.store().id, { updatedAtMs: START_MS + 5 * MINUTE }))

      assert.equal((await h.runs()).length, 1)
      assert.deepEqual(
        (await h.steps()).map((s) => [s.position, s.status, Number(s.due_at)]),
        [[1, 'pending', START_MS + 30 * MINUTE]],
      )
      h.clock.set(START_MS + 30 * MINUTE)
      assert.equal(await h.runDue(), 1)
      assert.equal((await h.messages()).length, 1)
    })

    test('a newer cart restarts the run, its timers counting from the update', async (t) => {
      const h = await startFlowHarness({ database: kind })
      t.after(() => h.close())
      await h.configure({ frequencyCap: null })
      await h.optIn()
      await h.deliver(checkoutEvent(h.store().id))

      h.clock.set(START_MS + 20 * MINUTE)
      const newer = checkoutEvent(h.store().id, {
        items: [
          {
            title: 'Trail Runner 2',
            variantTitle: 'Blue / 42',
            quantity: 2,
            priceMicros: 59_990_000,
            productUrl: null,
            imageUrl: null,
          },
        ],
        totalMicros: 124_970_000,
        updatedAtMs: START_MS + 20 * MINUTE,
      })
      await h.deliver(newer)

      h.clock.set(START_MS + 30 * MINUTE)
      assert.equal(await h.runDue(), 0)
      h.clock.set(START_MS + 50 * MINUTE)
      assert.equal(await h.runDue(), 1)

      const [run] = await h.runs()
      assert.equal(run!.generation, 2)
      assert.equal(JSON.parse(run!.context).totalMicros, 124_970_000)
      assert.deepEqual(
        (await h.steps()).map((s) => [s.generation, s.position, s.status]),
        [
          [1, 1, 'cancelled'],
          [2, 1, 'sent'],
          [2, 2, 'pending'],
        ],
      )
      const step2 = (await h.steps()).find((s) => s.generation === 2 && s.position === 2)!
      assert.equal(Number(step2.due_at), START_MS + 20 * MINUTE + 24 * HOUR)
      assert.equal((await h.messages()).length, 1)
    })

    test('an opt-out before a step stops the run and nothing is sent', async (t) => {
      const h = await startFlowHarness({ database: kind })
      t.after(() => h.close())
      await h.optIn()
      await h.deliver(checkoutEvent(h.store().id))
      h.clock.set(START_MS + 10 * MINUTE)
      await h.optOut()

      h.clock.set(START_MS + 30 * MINUTE)
      assert.equal(await h.runDue(), 1)
      assert.deepEqual(await h.messages(), [])
      const [run] = await h.runs()
      assert.deepEqual([run!.status, run!.reason], ['stopped', 'OPTED_OUT'])
      assert.deepEqual(
        (await h.steps()).map((s) => s.status),
        ['cancelled'],
      )
    })

    test('a checkout without consent stores its reminder suppressed for NO_CONSENT and sends nothing more', async (t) => {
      const h = await startFlowHarness({ database: kind })
      t.after(() => h.close())
      await h.deliver(checkoutEvent(h.store().id, { consent: null }))

      h.clock.set(START_MS + 30 * MINUTE)
      assert.equal(await h.runDue(), 1)
      const messages = await h.messages()
      assert.deepEqual(
        messages.map((m) => [m.status, m.reason, m.category]),
        [['suppressed', 'NO_CONSENT', 'marketing']],
      )
      const [run] = await h.runs()
      assert.deepEqual([run!.status, run!.reason], ['stopped', 'NO_CONSENT'])
      assert.deepEqual(
        (await h.steps()).map((s) => [s.status, s.message_id]),
        [['suppressed', messages[0]!.id]],
      )

      h.clock.set(START_MS + 24 * HOUR)
      assert.equal(await h.runDue(), 0)
      assert.equal((await h.messages()).length, 1)
      assert.equal(h.shopify.requests.length, 0)
    })

    test('a step the frequency cap would suppress waits until the cap lets it go', async (t) => {
      const h = await startFlowHarness({ database: kind })
      t.after(() => h.close())
      // The default cap: one promotion a day. The reminder went at 30 minutes.
      await h.optIn()
      await h.deliver(checkoutEvent(h.store().id))
      h.clock.set(START_MS + 30 * MINUTE)
      await h.runDue()

      h.clock.set(START_MS + 24 * HOUR)
      assert.equal(await h.runDue(), 1)
      assert.equal((await h.messages()).length, 1)
      assert.equal(h.shopify.requests.length, 0)

      h.clock.set(START_MS + 24 * HOUR + 30 * MINUTE - 1)
      assert.equal(await h.runDue(), 0)
      h.clock.set(START_MS + 24 * HOUR + 30 * MINUTE)
      assert.equal(await h.runDue(), 1)
      const messages = await h.messages()
      assert.deepEqual(
        messages.map((m) => [m.status, Number(m.created_at)]),
        [
          ['queued', START_MS + 30 * MINUTE],
          ['queued', START_MS + 24 * HOUR + 30 * MINUTE],
        ],
      )
    })
  })
}
