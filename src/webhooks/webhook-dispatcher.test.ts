import assert from 'node:assert/strict'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { test, type TestContext } from 'node:test'
import { createLogger, ManualClock, silentLogger, type Logger } from '../runtime/index.js'
import { GroupCommit, migrate, openSqlite, type Db } from '../storage/index.js'
import { WebhookConfigError } from './errors.js'
import { RetrySchedule } from './retry-schedule.js'
import { WebhookDispatcher } from './webhook-dispatcher.js'
import type { WebhookDispatcherOptions } from './webhook-dispatcher-options.js'
import { verifyWebhookSignature, type SignatureCheck } from './webhook-signature.js'
import { enqueueWebhook } from './webhook-store.js'

const DAY_MS = 86_400_000
const SECRET = 'whsec_dispatch_test'
const PAYLOAD = '{"id":"evt_1","type":"message.status","data":{"status":"delivered"}}'

interface Received {
  readonly eventId: string | undefined
  readonly body: string
  readonly check: SignatureCheck
}

interface Harness {
  readonly db: Db
  readonly clock: ManualClock
  readonly groupCommit: GroupCommit
  readonly url: string
  readonly received: Received[]
  /** Resolves with the next request the endpoint receives. */
  readonly nextRequest: () => Promise<Received>
  readonly dispatcher: (options?: Partial<WebhookDispatcherOptions>) => WebhookDispatcher
}

/**
 * A fresh in-memory database with one store, and a loopback endpoint that checks every
 * signature against the store's secret and the test clock; `answer` picks the response.
 * Everything made here is stopped after the test, dispatchers first.
 */
async function setUp(
  t: TestContext,
  answer: (res: ServerResponse, received: Received) => void,
): Promise<Harness> {
  const { db, close } = openSqlite({ file: ':memory:' })
  await migrate(db)
  const clock = new ManualClock()
  const groupCommit = new GroupCommit(db)
  await db
    .insertInto('stores')
    .values({
      id: 'st_a',
      name: 'Store A',
      webhook_url: null,
      webhook_secret: SECRET,
      default_country: null,
      default_sender: null,
      created_at: clock.now(),
      updated_at: clock.now(),
    })
    .execute()

  const received: Received[] = []
  const waiting: ((request: Received) => void)[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const check = verifyWebhookSignature({
        secret: SECRET,
        header: req.headers['nudge-signature'] as string | undefined,
        rawBody: body,
        nowSeconds: clock.now() / 1000,
      })
      const request = { eventId: req.headers['nudge-event-id'] as string | undefined, body, check }
      received.push(request)
      waiting.shift()?.(request)
      answer(res, request)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const dispatchers: WebhookDispatcher[] = []
  t.after(async () => {
    for (const dispatcher of dispatchers) await dispatcher.stop()
    await groupCommit.drain()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await close()
  })

  return {
    db,
    clock,
    groupCommit,
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    dispatcher: (options = {}) => {
      const dispatcher = new WebhookDispatcher({
        db,
        groupCommit,
        clock,
        logger: silentLogger(),
        schedule: new RetrySchedule({ random: () => 0 }),
        pollIntervalMs: 60_000,
        ...options,
      })
      dispatchers.push(dispatcher)
      return dispatcher
    },
  }
}

/** Commits an event and its delivery together, as the messaging code does. */
async function addEvent(harness: Harness): Promise<string> {
  const nowMs = harness.clock.now()
  return harness.groupCommit.run(async (trx) => {
    await trx
      .insertInto('message_events')
      .values({
        id: 'evt_1',
        store_id: 'st_a',
        message_id: 'msg_1',
        type: 'message.status',
        status: 'delivered',
        payload: PAYLOAD,
        created_at: nowMs,
      })
      .execute()
    const { id } = await enqueueWebhook(trx, {
      storeId: 'st_a',
      eventId: 'evt_1',
      url: harness.url,
      nowMs,
      expiresAtMs: nowMs + DAY_MS,
    })
    return id
  })
}

async function readDelivery(db: Db, id: string) {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

/** A logger whose lines are kept, parsed, for assertions. */
function captureLogs(): { logger: Logger; lines: Record<string, unknown>[]; raw: string[] } {
  const raw: string[] = []
  const logger = createLogger({ level: 'debug', destination: { write: (line) => raw.push(line) } })
  return {
    logger,
    raw,
    get lines() {
      return raw.map((line) => JSON.parse(line) as Record<string, unknown>)
    },
  }
}

test('retries a webhook answered 503 after its backoff and delivers it on 200', async (t) => {
  const statuses = [503, 200]
  const harness = await setUp(t, (res) => res.writeHead(statuses.shift() ?? 500).end())
  const logs = captureLogs()
  const dispatcher = harness.dispatcher({ logger: logs.logger })
  const id = await addEvent(harness)

  const firstPass = await dispatcher.runOnce()
  const afterFailure = await readDelivery(harness.db, id)
  harness.clock.advance(4_999)
  const tooEarlyPass = await dispatcher.runOnce()
  harness.clock.advance(1)
  const secondPass = await dispatcher.runOnce()

  assert.deepEqual([firstPass, tooEarlyPass, secondPass], [1, 0, 1])
  assert.equal(afterFailure.state, 'pending')
  assert.equal(afterFailure.last_status_code, 503)
  assert.equal(afterFailure.next_attempt_at, afterFailure.created_at + 5_000)
  assert.equal(harness.received.length, 2)
  for (const request of harness.received) {
    assert.deepEqual(request.check, { ok: true })
    assert.equal(request.eventId, 'evt_1')
    assert.equal(request.body, PAYLOAD)
  }
  const row = await readDelivery(harness.db, id)
  assert.equal(row.state, 'delivered')
  assert.equal(row.attempts, 2)
  assert.equal(row.delivered_at, harness.clock.now())
  assert.deepEqual(dispatcher.stats(), { delivered: 1, failed: 0, retried: 1, inFlight: 0 })
  const retryLine = logs.lines.find((line) => line['msg'] === 'webhook retry scheduled')
  assert.equal(retryLine?.['level'], 40)
  assert.equal(retryLine?.['deliveryId'], id)
  assert.equal(retryLine?.['statusCode'], 503)
})

test('dead-letters a webhook failing near its expiry, logging neither secret nor body', async (t) => {
  const harness = await setUp(t, (res) => res.writeHead(500).end())
  const logs = captureLogs()
  const dispatcher = harness.dispatcher({ logger: logs.logger })
  const id = await addEvent(harness)

  harness.clock.advance(DAY_MS - 1_000)
  await dispatcher.runOnce()

  const row = await readDelivery(harness.db, id)
  assert.equal(row.state, 'failed')
  assert.equal(row.last_error, 'endpoint answered 500')
  assert.deepEqual(dispatcher.stats(), { delivered: 0, failed: 1, retried: 0, inFlight: 0 })
  const deadLine = logs.lines.find((line) => line['msg'] === 'webhook dead-lettered')
  assert.equal(deadLine?.['level'], 50)
  assert.equal(deadLine?.['storeId'], 'st_a')
  assert.equal(deadLine?.['eventId'], 'evt_1')
  assert.ok(logs.raw.every((line) => !line.includes(SECRET) && !line.includes('delivered"}}')))
})

test(
  'sends a committed delivery right after wake without waiting for the poll',
  { timeout: 10_000 },
  async (t) => {
    const harness = await setUp(t, (res) => res.writeHead(200).end())
    const dispatcher = harness.dispatcher({ pollIntervalMs: 60_000 })
    dispatcher.start()
    // Real time for the loop's own first look (at once, finding nothing) to finish; after it
    // the next poll is a minute away, so only wake() can explain a prompt request.
    await sleep(50)

    const request = harness.nextRequest()
    const id = await addEvent(harness)
    dispatcher.wake()
    const received = await request
    await dispatcher.stop()

    assert.deepEqual(received.check, { ok: true })
    const row = await readDelivery(harness.db, id)
    assert.equal(row.state, 'delivered')
    assert.equal(dispatcher.stats().delivered, 1)
  },
)

test(
  'stop cuts short an attempt that outlasts the stop timeout and keeps it for a retry',
  { timeout: 10_000 },
  async (t) => {
    const harness = await setUp(t, () => undefined)
    const dispatcher = harness.dispatcher({ requestTimeoutMs: 30_000, stopTimeoutMs: 50 })
    const id = await addEvent(harness)
    dispatcher.start()

    await harness.nextRequest()
    const stats = dispatcher.stats()
    await dispatcher.stop()

    assert.equal(stats.inFlight, 1)
    const row = await readDelivery(harness.db, id)
    assert.equal(row.state, 'pending')
    assert.equal(row.attempts, 1)
    assert.equal(row.last_error, 'request cut short by shutdown')
    assert.deepEqual(dispatcher.stats(), { delivered: 0, failed: 0, retried: 1, inFlight: 0 })
  },
)

test('never has more attempts out than its concurrency', { timeout: 10_000 }, async (t) => {
  const held: ServerResponse[] = []
  let isHolding = true
  const harness = await setUp(t, (res) => (isHolding ? held.push(res) : res.writeHead(200).end()))
  const dispatcher = harness.dispatcher({ concurrency: 2, batchSize: 5 })
  for (let i = 1; i <= 3; i++) {
    await harness.groupCommit.run(async (trx) => {
      await trx
        .insertInto('message_events')
        .values({
          id: `evt_${i}`,
          store_id: 'st_a',
          message_id: 'msg_1',
          type: 'message.status',
          status: 'sent',
          payload: PAYLOAD,
          created_at: harness.clock.now(),
        })
        .execute()
      await enqueueWebhook(trx, {
        storeId: 'st_a',
        eventId: `evt_${i}`,
        url: harness.url,
        nowMs: harness.clock.now(),
        expiresAtMs: harness.clock.now() + DAY_MS,
      })
    })
  }

  const twoRequests = Promise.all([harness.nextRequest(), harness.nextRequest()])
  const firstPass = dispatcher.runOnce()
  await twoRequests
  const whileFull = await dispatcher.runOnce()
  isHolding = false
  for (const res of held.splice(0)) res.writeHead(200).end()
  const firstCount = await firstPass

  assert.equal(firstCount, 2)
  assert.equal(whileFull, 0)
  assert.equal(await dispatcher.runOnce(), 1)
  assert.equal(dispatcher.stats().delivered, 3)
})

test('reports every invalid dispatcher option at once', async (t) => {
  const harness = await setUp(t, (res) => res.end())

  assert.throws(
    () => harness.dispatcher({ concurrency: 0, pollIntervalMs: 1.5, leaseMs: 5_000 }),
    (err: unknown) => {
      assert.ok(err instanceof WebhookConfigError)
      assert.deepEqual(
        err.problems.map((p) => p.field),
        ['concurrency', 'pollIntervalMs', 'leaseMs'],
      )
      return true
    },
  )
})
