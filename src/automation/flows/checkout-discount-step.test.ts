import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkoutEvent,
  HOUR,
  MINUTE,
  START_MS,
  startFlowHarness,
  type FlowHarness,
} from '../../../test/support/flow-harness.js'
import { shopifyAnswers } from '../../../test/support/mock-store-platform.js'

const SECOND = 1000
const DISCOUNT_DUE = START_MS + 24 * HOUR

/** A run whose reminder went, its discount step due at 24 hours. */
async function reachDiscountStep(h: FlowHarness): Promise<void> {
  await h.configure({ frequencyCap: null })
  await h.optIn()
  await h.deliver(checkoutEvent(h.store().id))
  h.clock.set(START_MS + 30 * MINUTE)
  await h.runDue()
  h.clock.set(DISCOUNT_DUE)
}

async function discountStep(h: FlowHarness) {
  return (await h.steps()).find((s) => s.position === 2)!
}

test('a failing Shopify puts the discount step back with growing waits and offers the code only once it exists', async (t) => {
  const h = await startFlowHarness()
  t.after(() => h.close())
  const shopify = shopifyAnswers()
  let failures = 2
  h.shopify.answer = (request) =>
    request.path.endsWith('/price_rules.json') && failures-- > 0
      ? { status: 500, body: { errors: 'Internal Server Error' } }
      : shopify(request)
  await reachDiscountStep(h)

  assert.equal(await h.runDue(), 1)
  assert.equal((await h.messages()).length, 1)
  const afterFirst = await discountStep(h)
  assert.deepEqual(
    [afterFirst.status, afterFirst.attempts, Number(afterFirst.due_at), afterFirst.error],
    [
      'pending',
      1,
      DISCOUNT_DUE + 60 * SECOND,
      'creating the price rule: the platform answered 500',
    ],
  )
  const code = afterFirst.discount_code

  h.clock.set(DISCOUNT_DUE + 60 * SECOND - 1)
  assert.equal(await h.runDue(), 0)
  h.clock.set(DISCOUNT_DUE + 60 * SECOND)
  assert.equal(await h.runDue(), 1)
  const afterSecond = await discountStep(h)
  assert.deepEqual(
    [afterSecond.attempts, Number(afterSecond.due_at), afterSecond.discount_code],
    [2, DISCOUNT_DUE + 180 * SECOND, code],
  )
  assert.equal((await h.messages()).length, 1)

  h.clock.set(DISCOUNT_DUE + 180 * SECOND)
  assert.equal(await h.runDue(), 1)
  const messages = await h.messages()
  assert.equal(messages.length, 2)
  assert.match(messages[1]!.body, new RegExp(`Take 10% off with code ${code}: `))
  // Every attempt asked for the same code: a retry never makes a second one.
  assert.deepEqual(
    h.shopify.requests.map((r) => [r.path, JSON.stringify(r.body).includes(String(code))]),
    [
      ['/admin/api/2024-10/price_rules.json', true],
      ['/admin/api/2024-10/price_rules.json', true],
      ['/admin/api/2024-10/price_rules.json', true],
      ['/admin/api/2024-10/price_rules/507328175/discount_codes.json', true],
    ],
  )
  assert.deepEqual(
    [(await discountStep(h)).status, (await h.runs())[0]!.status],
    ['sent', 'completed'],
  )
})

test('the discount step fails after its last attempt, and its run with it, sending nothing', async (t) => {
  const h = await startFlowHarness({ discountAttempts: 2 })
  t.after(() => h.close())
  h.shopify.answer = () => ({ status: 503, body: { errors: 'Unavailable' } })
  await reachDiscountStep(h)

  await h.runDue()
  h.clock.set(DISCOUNT_DUE + 60 * SECOND)
  assert.equal(await h.runDue(), 1)

  const step = await discountStep(h)
  assert.deepEqual(
    [step.status, step.attempts, step.due_at, step.error, step.message_id],
    ['failed', 2, null, 'creating the price rule: the platform answered 503', null],
  )
  const [run] = await h.runs()
  assert.deepEqual([run!.status, run!.reason], ['failed', 'DISCOUNT_FAILED'])
  assert.equal((await h.messages()).length, 1)
  h.clock.set(DISCOUNT_DUE + HOUR)
  assert.equal(await h.runDue(), 0)
})

test('a refused token fails the discount step at once: retrying cannot help', async (t) => {
  const h = await startFlowHarness()
  t.after(() => h.close())
  h.shopify.answer = () => ({ status: 401, body: { errors: 'Invalid API key or access token' } })
  await reachDiscountStep(h)

  assert.equal(await h.runDue(), 1)
  const step = await discountStep(h)
  assert.deepEqual(
    [step.status, step.attempts, step.error],
    ['failed', 1, 'creating the price rule: the platform answered 401'],
  )
  assert.equal(h.shopify.requests.length, 1)
})

test('a code Shopify already has, from an attempt whose answer was lost, is offered as created', async (t) => {
  const h = await startFlowHarness()
  t.after(() => h.close())
  const shopify = shopifyAnswers()
  h.shopify.answer = (request) =>
    request.path.endsWith('/discount_codes.json')
      ? {
          status: 422,
          body: { errors: { code: ['must be unique. Please try a different code.'] } },
        }
      : shopify(request)
  await reachDiscountStep(h)

  assert.equal(await h.runDue(), 1)
  const step = await discountStep(h)
  assert.equal(step.status, 'sent')
  assert.match((await h.messages())[1]!.body, new RegExp(`code ${step.discount_code}: `))
})

test('a store that has not connected discount codes fails the discount step at once', async (t) => {
  const h = await startFlowHarness()
  t.after(() => h.close())
  await h.db.deleteFrom('discount_settings').execute()
  await reachDiscountStep(h)

  assert.equal(await h.runDue(), 1)
  const step = await discountStep(h)
  assert.deepEqual(
    [step.status, step.attempts, step.error, step.message_id],
    ['failed', 1, 'the store has no discount API URL', null],
  )
  assert.deepEqual(
    (await h.runs()).map((r) => [r.status, r.reason]),
    [['failed', 'DISCOUNT_FAILED']],
  )
  assert.equal(h.shopify.requests.length, 0)
})
