import assert from 'node:assert/strict'
import { test } from 'node:test'
import { WebhookConfigError } from './errors.js'
import { RetrySchedule } from './retry-schedule.js'

const HOUR_MS = 3_600_000
const CREATED_MS = Date.UTC(2026, 0, 1)

test('waits between half and all of the capped exponential delay', () => {
  const low = new RetrySchedule({ random: () => 0 })
  const high = new RetrySchedule({ random: () => 0.999_999 })

  for (let attempts = 1; attempts <= 30; attempts++) {
    const exponentialMs = Math.min(10_000 * 2 ** (attempts - 1), HOUR_MS)
    assert.equal(low.delayMs(attempts), exponentialMs / 2, `attempt ${attempts}`)
    assert.ok(high.delayMs(attempts) <= exponentialMs, `attempt ${attempts}`)
    assert.ok(high.delayMs(attempts) >= exponentialMs * 0.999, `attempt ${attempts}`)
  }
})

test('doubles from 10 seconds and stops growing at one hour by default', () => {
  const schedule = new RetrySchedule({ random: () => 0.5 })

  const delaysMs = [1, 2, 3, 9, 10, 11, 50].map((attempts) => schedule.delayMs(attempts))

  assert.deepEqual(delaysMs, [7_500, 15_000, 30_000, 1_920_000, 2_700_000, 2_700_000, 2_700_000])
})

test('schedules the next attempt from now while it falls before the expiry', () => {
  const schedule = new RetrySchedule({ random: () => 0 })

  const next = schedule.nextAttemptAt({ attempts: 1, nowMs: CREATED_MS, createdAtMs: CREATED_MS })

  assert.equal(next, CREATED_MS + 5_000)
})

test('gives up when the next attempt would fall after 24 hours', () => {
  const schedule = new RetrySchedule({ random: () => 0 })
  const nearEnd = CREATED_MS + 24 * HOUR_MS - 30 * 60_000

  const atEdge = schedule.nextAttemptAt({ attempts: 12, nowMs: nearEnd, createdAtMs: CREATED_MS })
  const past = schedule.nextAttemptAt({ attempts: 12, nowMs: nearEnd + 1, createdAtMs: CREATED_MS })

  assert.equal(atEdge, CREATED_MS + 24 * HOUR_MS)
  assert.equal(past, 'give_up')
})

test('keeps every attempt of a full run inside 24 hours, then gives up', () => {
  let seed = 7
  // A small linear congruential generator: varied jitter, same run every time.
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  const schedule = new RetrySchedule({ random })

  let nowMs = CREATED_MS
  let attempts = 1
  let next = schedule.nextAttemptAt({ attempts, nowMs, createdAtMs: CREATED_MS })
  while (next !== 'give_up' && attempts < 1_000) {
    assert.ok(next - nowMs >= 5_000 && next - nowMs <= HOUR_MS)
    assert.ok(next <= CREATED_MS + 24 * HOUR_MS)
    nowMs = next
    attempts++
    next = schedule.nextAttemptAt({ attempts, nowMs, createdAtMs: CREATED_MS })
  }

  assert.equal(next, 'give_up')
  assert.ok(attempts > 20 && attempts < 60, `${attempts} attempts`)
  assert.ok(nowMs > CREATED_MS + 23 * HOUR_MS)
})

test('uses the stored expiry instead of the creation time when given', () => {
  const schedule = new RetrySchedule({ random: () => 0 })
  const nowMs = CREATED_MS + 30 * HOUR_MS

  const next = schedule.nextAttemptAt({
    attempts: 1,
    nowMs,
    createdAtMs: CREATED_MS,
    expiresAtMs: nowMs + HOUR_MS,
  })

  assert.equal(next, nowMs + 5_000)
})

test('reports every invalid option at once', () => {
  const make = (): RetrySchedule =>
    new RetrySchedule({
      initialDelaySeconds: 0,
      multiplier: 0.5,
      maxDelaySeconds: -1,
      giveUpAfterSeconds: Number.NaN,
    })

  assert.throws(make, (err: unknown) => {
    assert.ok(err instanceof WebhookConfigError)
    assert.equal(err.code, 'WEBHOOK_CONFIG_INVALID')
    assert.deepEqual(
      err.problems.map((p) => p.field),
      ['initialDelaySeconds', 'multiplier', 'maxDelaySeconds', 'giveUpAfterSeconds'],
    )
    return true
  })
})

test('rejects a maximum delay below the initial delay', () => {
  assert.throws(
    () => new RetrySchedule({ initialDelaySeconds: 60, maxDelaySeconds: 30 }),
    (err: unknown) => err instanceof WebhookConfigError && err.problems.length === 1,
  )
})
