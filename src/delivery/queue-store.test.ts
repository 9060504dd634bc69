import assert from 'node:assert/strict'
import { describe, test, type TestContext } from 'node:test'
import { DATABASE_KINDS, openTestDatabase } from '../../test/support/test-database.js'
import type { MessageRow } from '../messaging/index.js'
import { GroupCommit, type Db } from '../storage/index.js'
import { CLAIM_LEASE_MS, claimDueMessages, releaseRouteClaims } from './queue-store.js'

const NOW = Date.parse('2026-11-27T15:30:00Z')

function message(id: string, overrides: Partial<MessageRow> = {}): MessageRow {
  return {
    id,
    store_id: 'st_a',
    direction: 'outbound',
    recipient: '+14155550100',
    sender: 'Nudge',
    body: 'Your order has shipped',
    encoding: 'GSM-7',
    segment_count: 1,
    price_micros: 7900,
    currency: 'USD',
    country: 'US',
    category: 'transactional',
    status: 'queued',
    reason: null,
    error_code: null,
    error_message: null,
    send_at: null,
    status_callback: null,
    metadata: null,
    route_id: null,
    due_at: NOW,
    attempts: 0,
    concat_ref: 7,
    created_at: NOW,
    updated_at: NOW,
    sent_at: null,
    done_at: null,
    ...overrides,
  }
}

async function open(t: TestContext, kind: (typeof DATABASE_KINDS)[number]): Promise<Db> {
  const { db, close } = await openTestDatabase(kind)
  t.after(close)
  await db
    .insertInto('stores')
    .values({
      id: 'st_a',
      name: 'Store A',
      webhook_url: null,
      webhook_secret: 'whsec_a',
      default_country: null,
      default_sender: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute()
  return db
}

async function statusOf(db: Db, id: string) {
  return db
    .selectFrom('messages')
    .select(['status', 'route_id', 'due_at', 'attempts'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

for (const kind of DATABASE_KINDS) {
  describe(`message queue (${kind})`, () => {
    test('claims due messages oldest first, leaving future and finished ones', async (t) => {
      const db = await open(t, kind)
      await db
        .insertInto('messages')
        .values([
          message('msg_b', { due_at: NOW - 1000 }),
          message('msg_a', { due_at: NOW - 2000 }),
          message('msg_later', { status: 'scheduled', due_at: NOW + 60_000 }),
          message('msg_done', { status: 'delivered', due_at: null }),
        ])
        .execute()

      const claimed = await db
        .transaction()
        .execute((trx) => claimDueMessages(trx, { nowMs: NOW, limit: 10 }))

      assert.deepEqual(
        claimed.map((c) => c.message.id),
        ['msg_a', 'msg_b'],
      )
      const row = await statusOf(db, 'msg_a')
      assert.deepEqual(row, {
        status: 'sending',
        route_id: null,
        due_at: NOW + CLAIM_LEASE_MS,
        attempts: 1,
      })
    })

    test('never hands one message to two claimers working at the same moment', async (t) => {
      const db = await open(t, kind)
      const ids = Array.from({ length: 200 }, (_, i) => `msg_${String(i).padStart(3, '0')}`)
      await db
        .insertInto('messages')
        .values(ids.map((id) => message(id)))
        .execute()

      // Two group commits: on PostgreSQL two connections claiming concurrently.
      const claimers = [new GroupCommit(db), new GroupCommit(db)]
      const rounds = await Promise.all(
        claimers.flatMap((gc) =>
          Array.from({ length: 5 }, () =>
            gc.run((trx) => claimDueMessages(trx, { nowMs: NOW, limit: 30 }), 'relaxed'),
          ),
        ),
      )
      const all = rounds.flat().map((c) => c.message.id)
      assert.equal(new Set(all).size, all.length, 'no message claimed twice')
      assert.equal(all.length, 200)
    })

    test('claims only the routes it owns and binds unrouted messages to their route', async (t) => {
      const db = await open(t, kind)
      await db
        .insertInto('messages')
        .values([
          message('msg_us', { recipient: '+14155550100' }),
          message('msg_fr', { recipient: '+33612345678', country: 'FR' }),
          message('msg_other_route', { route_id: 'eu' }),
        ])
        .execute()

      const claimed = await db.transaction().execute((trx) =>
        claimDueMessages(trx, {
          nowMs: NOW,
          limit: 10,
          routeIds: ['us'],
          routeOf: (row) => (row.recipient.startsWith('+1') ? 'us' : 'eu'),
        }),
      )

      assert.deepEqual(
        claimed.map((c) => [c.message.id, c.message.route_id]),
        [['msg_us', 'us']],
      )
      assert.deepEqual(await statusOf(db, 'msg_fr'), {
        status: 'queued',
        route_id: 'eu',
        due_at: NOW,
        attempts: 0,
      })
      assert.equal((await statusOf(db, 'msg_other_route')).status, 'queued')
    })

    test('a new route owner resumes what the last one left sending on that route', async (t) => {
      const db = await open(t, kind)
      const leaseEnd = NOW + CLAIM_LEASE_MS
      await db
        .insertInto('messages')
        .values([
          message('msg_orphan', { status: 'sending', route_id: 'us', due_at: leaseEnd }),
          message('msg_elsewhere', { status: 'sending', route_id: 'eu', due_at: leaseEnd }),
        ])
        .execute()

      assert.equal(await releaseRouteClaims(db, 'us', NOW), 1)
      assert.equal((await statusOf(db, 'msg_orphan')).due_at, NOW)
      assert.equal((await statusOf(db, 'msg_elsewhere')).due_at, leaseEnd)
    })
  })
}
