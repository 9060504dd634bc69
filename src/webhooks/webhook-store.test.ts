import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { ManualClock, NotFoundError, ValidationError } from '../runtime/index.js'
import { GroupCommit, type Db } from '../storage/index.js'
import {
  DATABASE_KINDS,
  openTestDatabase,
  type TestDatabaseKind,
} from '../../test/support/test-database.js'
import { WebhookAlreadyDeliveredError, WebhookAttemptError } from './errors.js'
import { RetrySchedule } from './retry-schedule.js'
import { listDeliveries, retryDelivery } from './webhook-delivery.js'
import {
  claimDueDeliveries,
  enqueueWebhook,
  recordAttempt,
  type AttemptResult,
  type ClaimedDelivery,
} from './webhook-store.js'

const DAY_MS = 86_400_000
const LEASE_MS = 60_000
// The lowest jitter makes every wait exactly half the exponential delay.
const schedule = new RetrySchedule({ random: () => 0 })

async function openDatabase(t: TestContext, kind: TestDatabaseKind): Promise<Db> {
  const { db, close } = await openTestDatabase(kind)
  t.after(close)
  return db
}

async function addStore(db: Db, id: string, nowMs: number): Promise<void> {
  await db
    .insertInto('stores')
    .values({
      id,
      name: `Store ${id}`,
      webhook_url: `http://127.0.0.1:9/${id}`,
      webhook_secret: `whsec_${id}`,
      default_country: null,
      default_sender: null,
      created_at: nowMs,
      updated_at: nowMs,
    })
    .execute()
}

/** Adds an event and its pending delivery, as the messaging code does in one transaction. */
async function addEvent(
  db: Db,
  event: { readonly storeId: string; readonly id: string; readonly nowMs: number },
): Promise<string> {
  const payload = JSON.stringify({ id: event.id, type: 'message.status' })
  await db
    .insertInto('message_events')
    .values({
      id: event.id,
      store_id: event.storeId,
      message_id: 'msg_1',
      type: 'message.status',
      status: 'delivered',
      payload,
      created_at: event.nowMs,
    })
    .execute()
  const { id } = await enqueueWebhook(db, {
    storeId: event.storeId,
    eventId: event.id,
    url: `http://127.0.0.1:9/${event.storeId}`,
    nowMs: event.nowMs,
    expiresAtMs: event.nowMs + DAY_MS,
  })
  return id
}

async function claimOne(db: Db, nowMs: number): Promise<ClaimedDelivery> {
  const claimed = await claimDueDeliveries(db, { nowMs, limit: 10, leaseMs: LEASE_MS })
  assert.equal(claimed.length, 1)
  return claimed[0]!
}

function answered(statusCode: number): AttemptResult {
  if (statusCode < 300) return { ok: true, statusCode }
  const error = new WebhookAttemptError('WEBHOOK_REJECTED', `endpoint answered ${statusCode}`, {
    retryable: true,
    statusCode,
  })
  return { ok: false, error }
}

async function readDelivery(db: Db, id: string) {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

for (const kind of DATABASE_KINDS) {
  describe(`webhook store (${kind})`, () => {
    test('claims a due delivery with its payload and secret, then marks it delivered', async (t) => {
      const db = await openDatabase(t, kind)
      const clock = new ManualClock()
      await addStore(db, 'st_a', clock.now())
      const id = await addEvent(db, { storeId: 'st_a', id: 'evt_1', nowMs: clock.now() })

      const delivery = await claimOne(db, clock.now())
      clock.advance(120)
      const outcome = await recordAttempt(db, {
        delivery,
        result: answered(204),
        nowMs: clock.now(),
        schedule,
      })

      assert.match(id, /^whd_/)
      assert.equal(delivery.id, id)
      assert.equal(delivery.eventType, 'message.status')
      assert.equal(delivery.payload, '{"id":"evt_1","type":"message.status"}')
      assert.equal(delivery.secret, 'whsec_st_a')
      assert.deepEqual(outcome, { outcome: 'delivered', attempts: 1 })
      const row = await readDelivery(db, id)
      assert.equal(row.state, 'delivered')
      assert.equal(row.attempts, 1)
      assert.equal(row.last_status_code, 204)
      assert.equal(row.last_error, null)
      assert.equal(row.delivered_at, clock.now())
    })

    test('never hands one delivery to two dispatchers claiming at once', async (t) => {
      const db = await openDatabase(t, kind)
      const nowMs = Date.parse('2026-11-27T15:30:00Z')
      await addStore(db, 'st_a', nowMs)
      for (let i = 0; i < 120; i++) {
        await addEvent(db, { storeId: 'st_a', id: `evt_${String(i).padStart(3, '0')}`, nowMs })
      }

      // Two group commits stand for two worker processes; on PostgreSQL, two connections.
      const dispatchers = [new GroupCommit(db), new GroupCommit(db)]
      const rounds = await Promise.all(
        dispatchers.flatMap((gc) =>
          Array.from({ length: 4 }, () =>
            gc.run((trx) => claimDueDeliveries(trx, { nowMs, limit: 20, leaseMs: LEASE_MS })),
          ),
        ),
      )

      const ids = rounds.flat().map((d) => d.id)
      assert.equal(new Set(ids).size, ids.length, 'no delivery claimed twice')
      assert.equal(ids.length, 120)
    })

    test('hides a claimed delivery from later claims until its lease ends', async (t) => {
      const db = await openDatabase(t, kind)
      const clock = new ManualClock()
      await addStore(db, 'st_a', clock.now())
      await addEvent(db, { storeId: 'st_a', id: 'evt_1', nowMs: clock.now() })

      await claimOne(db, clock.now())
      clock.advance(LEASE_MS - 1)
      const duringLease = await claimDueDeliveries(db, {
        nowMs: clock.now(),
        limit: 10,
        leaseMs: 1,
      })
      clock.advance(1)
      const afterLease = await claimDueDeliveries(db, { nowMs: clock.now(), limit: 10, leaseMs: 1 })

      assert.equal(duringLease.length, 0)
      assert.equal(afterLease.length, 1)
    })

    test('claims the oldest due deliveries first, up to the limit', async (t) => {
      const db = await openDatabase(t, kind)
      const clock = new ManualClock()
      await addStore(db, 'st_a', clock.now())
      const first = await addEvent(db, { storeId: 'st_a', id: 'evt_1', nowMs: clock.now() })
      clock.advance(1)
      const second = await addEvent(db, { storeId: 'st_a', id: 'evt_2', nowMs: clock.now() })
      clock.advance(1)
      await addEvent(db, { storeId: 'st_a', id: 'evt_3', nowMs: clock.now() })

      const claimed = await claimDueDeliveries(db, {
        nowMs: clock.now(),
        limit: 2,
        leaseMs: LEASE_MS,
      })

      assert.deepEqual(
        claimed.map((d) => d.id),
        [first, second],
      )
    })

    test('never pairs a delivery with an event of another store', async (t) => {
      const db = await openDatabase(t, kind)
      const clock = new ManualClock()
      await addStore(db, 'st_a', clock.now())
      await addStore(db, 'st_b', clock.now())
      await addEvent(db, { storeId: 'st_b', id: 'evt_b', nowMs: clock.now() })
      await db.deleteFrom('webhook_deliveries').execute()
      await enqueueWebhook(db, {
        storeId: 'st_a',
        eventId: 'evt_b',
        url: 'http://127.0.0.1:9/a',
        nowMs: clock.now(),
        expiresAtMs: clock.now() + DAY_MS,
      })

      const claimed = await claimDueDeliveries(db, {
        nowMs: clock.now(),
        limit: 10,
        leaseMs: LEASE_MS,
      })

      assert.equal(claimed.length, 0)
    })

    test('reschedules a 500 with growing backoff', async (t) => {
      const db = await openDatabase(t, kind)
      const clock = new ManualClock()
      await addStore(db, 'st_a', clock.now())
      const id = await addEvent(db, { storeId: 'st_a', id: 'evt_1', nowMs: clock.now() })

      const first = await recordAttempt(db, {
        delivery: await claimOne(db, clock.now()),
        result: answered(500),
        nowMs: clock.now(),
        schedule,
      })
      const afterFirst = await readDelivery(db, id)
      clock.advance(4_999)
      const tooEarly = await claimDueDeliveries(db, {
        nowMs: clock.now(),
        limit: 10,
        leaseMs: LEASE_MS,
      })
      clock.advance(1)
      const second = await recordAttempt(db, {
        delivery: await claimOne(db, clock.now()),
        result: answered(500),
        nowMs: clock.now(),
        schedule,
      })

      assert.deepEqual(first, {
        outcome: 'retry_scheduled',
        attempts: 1,
        nextAttemptAtMs: afterFirst.created_at + 5_000,
      })
      assert.equal(afterFirst.state, 'pending')
      assert.equal(afterFirst.last_status_code, 500)
      assert.equal(afterFirst.last_error, 'endpoint answered 500')
      assert.equal(tooEarly.length, 0)
      assert.deepEqual(second, {
        outcome: 'retry_scheduled',
        attempts: 2,
        nextAttemptAtMs: clock.now() + 10_000,
      })
    })

    test('dead-letters a delivery once the next attempt would fall after its expiry', async (t) => {
      const db = await openDatabase(t, kind)
      const clock = new ManualClock()
      const createdMs = clock.now()
      await addStore(db, 'st_a', clock.now())
      const id = await addEvent(db, { storeId: 'st_a', id: 'evt_1', nowMs: clock.now() })

      let outcome = await recordAttempt(db, {
        delivery: await claimOne(db, clock.now()),
        result: answered(503),
        nowMs: clock.now(),
        schedule,
      })
      for (let i = 0; i < 200 && outcome.outcome === 'retry_scheduled'; i++) {
        clock.set(outcome.nextAttemptAtMs)
        outcome = await recordAttempt(db, {
          delivery: await claimOne(db, clock.now()),
          result: answered(503),
          nowMs: clock.now(),
          schedule,
        })
      }

      assert.equal(outcome.outcome, 'dead_lettered')
      assert.ok(clock.now() <= createdMs + DAY_MS)
      assert.ok(clock.now() + 30 * 60_000 > createdMs + DAY_MS)
      const row = await readDelivery(db, id)
      assert.equal(row.state, 'failed')
      assert.equal(row.last_status_code, 503)
      clock.advance(2 * DAY_MS)
      const claimed = await claimDueDeliveries(db, {
        nowMs: clock.now(),
        limit: 10,
        leaseMs: LEASE_MS,
      })
      assert.equal(claimed.length, 0)
    })

    test('dead-letters at once a failure that no retry can fix', async (t) => {
      const db = await openDatabase(t, kind)
      const clock = new ManualClock()
      await addStore(db, 'st_a', clock.now())
      const id = await addEvent(db, { storeId: 'st_a', id: 'evt_1', nowMs: clock.now() })
      const error = new WebhookAttemptError('WEBHOOK_URL_INVALID', 'url is not absolute http(s)', {
        retryable: false,
      })

      const outcome = await recordAttempt(db, {
        delivery: await claimOne(db, clock.now()),
        result: { ok: false, error },
        nowMs: clock.now(),
        schedule,
      })

      assert.deepEqual(outcome, { outcome: 'dead_lettered', attempts: 1 })
      const row = await readDelivery(db, id)
      assert.equal(row.state, 'failed')
      assert.equal(row.last_status_code, null)
      assert.equal(row.last_error, 'url is not absolute http(s)')
    })

    test('keeps a manual retry made while an attempt was out', async (t) => {
      const db = await openDatabase(t, kind)
      const clock = new ManualClock()
      await addStore(db, 'st_a', clock.now())
      const id = await addEvent(db, { storeId: 'st_a', id: 'evt_1', nowMs: clock.now() })

      const delivery = await claimOne(db, clock.now())
      clock.advance(1_000)
      await retryDelivery(db, {
        storeId: 'st_a',
        deliveryId: id,
        nowMs: clock.now(),
        expiresAtMs: clock.now() + DAY_MS,
      })
      const outcome = await recordAttempt(db, {
        delivery,
        result: answered(500),
        nowMs: clock.now(),
        schedule,
      })

      assert.deepEqual(outcome, { outcome: 'lease_lost' })
      const row = await readDelivery(db, id)
      assert.equal(row.state, 'pending')
      assert.equal(row.next_attempt_at, clock.now())
      assert.equal(row.last_error, null)
    })

    test('lists deliveries newest first by state, a page at a time, within one store', async (t) => {
      const db = await openDatabase(t, kind)
      const clock = new ManualClock()
      await addStore(db, 'st_a', clock.now())
      await addStore(db, 'st_b', clock.now())
      const ids: string[] = []
      for (let i = 1; i <= 5; i++) {
        clock.advance(1)
        ids.push(await addEvent(db, { storeId: 'st_a', id: `evt_a${i}`, nowMs: clock.now() }))
        await addEvent(db, { storeId: 'st_b', id: `evt_b${i}`, nowMs: clock.now() })
      }
      await db
        .updateTable('webhook_deliveries')
        .set({ state: 'failed' })
        .where('id', 'in', [ids[0]!, ids[2]!, ids[3]!])
        .execute()

      const all = await listDeliveries(db, { storeId: 'st_a', limit: 100 })
      const firstPage = await listDeliveries(db, { storeId: 'st_a', state: 'failed', limit: 2 })
      const secondPage = await listDeliveries(db, {
        storeId: 'st_a',
        state: 'failed',
        limit: 2,
        cursor: firstPage.nextCursor ?? undefined,
      })

      assert.deepEqual(
        all.deliveries.map((d) => d.id),
        [...ids].reverse(),
      )
      assert.ok(all.deliveries.every((d) => d.storeId === 'st_a'))
      assert.equal(all.nextCursor, null)
      assert.deepEqual(
        firstPage.deliveries.map((d) => d.id),
        [ids[3], ids[2]],
      )
      assert.deepEqual(
        secondPage.deliveries.map((d) => d.id),
        [ids[0]],
      )
      assert.equal(secondPage.nextCursor, null)
      const other = await listDeliveries(db, { storeId: 'st_b', state: 'failed', limit: 100 })
      assert.equal(other.deliveries.length, 0)
    })

    test('rejects a bad page size and a forged cursor together', async (t) => {
      const db = await openDatabase(t, kind)

      await assert.rejects(
        listDeliveries(db, { storeId: 'st_a', limit: 0, cursor: 'not-a-cursor' }),
        (err: unknown) => {
          assert.ok(err instanceof ValidationError)
          assert.deepEqual(
            err.problems.map((p) => p.field),
            ['/limit', '/cursor'],
          )
          return true
        },
      )
    })

    test('puts a dead letter back in the queue, due now with a fresh expiry', async (t) => {
      const db = await openDatabase(t, kind)
      const clock = new ManualClock()
      await addStore(db, 'st_a', clock.now())
      const id = await addEvent(db, { storeId: 'st_a', id: 'evt_1', nowMs: clock.now() })
      const error = new WebhookAttemptError('WEBHOOK_URL_INVALID', 'url is not absolute http(s)', {
        retryable: false,
      })
      await recordAttempt(db, {
        delivery: await claimOne(db, clock.now()),
        result: { ok: false, error },
        nowMs: clock.now(),
        schedule,
      })

      clock.advance(3 * DAY_MS)
      const retried = await retryDelivery(db, {
        storeId: 'st_a',
        deliveryId: id,
        nowMs: clock.now(),
        expiresAtMs: schedule.expiresAt(clock.now()),
      })
      const delivery = await claimOne(db, clock.now())

      assert.equal(retried.state, 'pending')
      assert.equal(retried.attempts, 0)
      assert.equal(retried.nextAttemptAtMs, clock.now())
      assert.equal(retried.expiresAtMs, clock.now() + DAY_MS)
      assert.equal(delivery.id, id)
    })

    test('refuses to retry a delivery of another store, or one already delivered', async (t) => {
      const db = await openDatabase(t, kind)
      const clock = new ManualClock()
      await addStore(db, 'st_a', clock.now())
      await addStore(db, 'st_b', clock.now())
      const id = await addEvent(db, { storeId: 'st_a', id: 'evt_1', nowMs: clock.now() })
      const retry = (storeId: string) =>
        retryDelivery(db, { storeId, deliveryId: id, nowMs: clock.now(), expiresAtMs: clock.now() })

      await assert.rejects(retry('st_b'), NotFoundError)
      await recordAttempt(db, {
        delivery: await claimOne(db, clock.now()),
        result: answered(200),
        nowMs: clock.now(),
        schedule,
      })
      await assert.rejects(retry('st_a'), WebhookAlreadyDeliveredError)

      const row = await readDelivery(db, id)
      assert.equal(row.state, 'delivered')
    })
  })
}
