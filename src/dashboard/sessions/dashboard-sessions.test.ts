import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { DATABASE_KINDS, openTestDatabase } from '../../../test/support/test-database.js'
import { ManualClock } from '../../runtime/index.js'
import type { OpenedDatabase } from '../../storage/index.js'
import { StoreRegistry } from '../../stores/index.js'
import { DashboardPasswords } from './dashboard-passwords.js'
import { DashboardSessions, SESSION_IDLE_MS, SESSION_LIFETIME_MS } from './dashboard-sessions.js'

const HOUR_MS = 60 * 60 * 1000

for (const kind of DATABASE_KINDS) {
  describe(`dashboard sessions on ${kind}`, () => {
    let opened: OpenedDatabase
    let clock: ManualClock
    let registry: StoreRegistry
    let sessions: DashboardSessions

    before(async () => {
      opened = await openTestDatabase(kind)
      clock = new ManualClock(Date.parse('2026-11-27T15:30:00Z'))
      registry = new StoreRegistry({ db: opened.db, clock })
      sessions = new DashboardSessions({ db: opened.db, clock })
    })
    after(() => opened.close())

    it('stores only the SHA-256 of the session id and finds the store by the id', async () => {
      const { store } = await registry.create('Northwind')

      const started = await sessions.start(store.id, { secure: true })

      assert.match(started.sessionId, /^[A-Za-z0-9_-]{43}$/)
      assert.equal(started.expiresAt, clock.now() + SESSION_IDLE_MS)
      const rows = await opened.db
        .selectFrom('dashboard_sessions')
        .selectAll()
        .where('store_id', '=', store.id)
        .execute()
      assert.equal(rows.length, 1)
      assert.equal(rows[0]!.id_hash, createHash('sha256').update(started.sessionId).digest('hex'))
      const resumed = await sessions.resume(started.sessionId)
      assert.equal(resumed?.store.name, 'Northwind')
      assert.equal(resumed?.csrfToken, started.csrfToken)
      assert.equal(resumed?.secure, true)
      assert.equal(await sessions.resume(`${started.sessionId}x`), undefined)
    })

    it('moves the idle limit on with each use, and ends after 12 hours unused', async () => {
      const { store } = await registry.create('Idle')
      const { sessionId } = await sessions.start(store.id, { secure: false })

      clock.advance(11 * HOUR_MS)
      const used = await sessions.resume(sessionId)
      assert.equal(used?.extended, true)
      assert.equal(used?.expiresAt, clock.now() + SESSION_IDLE_MS)
      clock.advance(11 * HOUR_MS)
      assert.notEqual(await sessions.resume(sessionId), undefined)
      clock.advance(SESSION_IDLE_MS)

      assert.equal(await sessions.resume(sessionId), undefined)
      const left = await opened.db
        .selectFrom('dashboard_sessions')
        .select('id_hash')
        .where('store_id', '=', store.id)
        .execute()
      assert.deepEqual(left, [], 'the expired session was removed')
    })

    it('ends a busy session 7 days after its login', async () => {
      const { store } = await registry.create('Busy')
      const { sessionId } = await sessions.start(store.id, { secure: false })
      const loginMs = clock.now()

      while (clock.now() + 10 * HOUR_MS < loginMs + SESSION_LIFETIME_MS) {
        clock.advance(10 * HOUR_MS)
        assert.notEqual(await sessions.resume(sessionId), undefined)
      }
      const last = await sessions.resume(sessionId)
      assert.equal(last?.expiresAt, loginMs + SESSION_LIFETIME_MS)
      clock.set(loginMs + SESSION_LIFETIME_MS)

      assert.equal(await sessions.resume(sessionId), undefined)
    })

    it('writes a busy session’s last use at most once a minute', async () => {
      const { store } = await registry.create('Chatty')
      const { sessionId } = await sessions.start(store.id, { secure: false })

      clock.advance(30_000)
      assert.equal((await sessions.resume(sessionId))?.extended, false)
      clock.advance(30_000)
      assert.equal((await sessions.resume(sessionId))?.extended, true)
    })

    it('removes every expired session when a new one starts', async () => {
      const { store } = await registry.create('Sweep')
      await sessions.start(store.id, { secure: false })
      await sessions.start(store.id, { secure: false })
      clock.advance(SESSION_IDLE_MS)

      await sessions.start(store.id, { secure: false })

      const rows = await opened.db
        .selectFrom('dashboard_sessions')
        .select('expires_at')
        .where('expires_at', '<=', clock.now())
        .execute()
      assert.deepEqual(rows, [])
    })

    it('ends one session on logout and leaves the store’s others open', async () => {
      const { store } = await registry.create('Logout')
      const first = await sessions.start(store.id, { secure: false })
      const second = await sessions.start(store.id, { secure: false })

      assert.equal(await sessions.end(first.sessionId), true)
      assert.equal(await sessions.end(first.sessionId), false)

      assert.equal(await sessions.resume(first.sessionId), undefined)
      assert.notEqual(await sessions.resume(second.sessionId), undefined)
    })

    it('ends every session of a store, and only that store’s, when its password is set', async () => {
      const passwords = new DashboardPasswords({ db: opened.db })
      const { store } = await registry.create('New password')
      const { store: other } = await registry.create('Other')
      const mine = [
        await sessions.start(store.id, { secure: false }),
        await sessions.start(store.id, { secure: false }),
      ]
      const theirs = await sessions.start(other.id, { secure: false })

      const { sessionsEnded } = await passwords.set(store.id, 'new password 2026')

      assert.equal(sessionsEnded, 2)
      for (const session of mine) assert.equal(await sessions.resume(session.sessionId), undefined)
      assert.notEqual(await sessions.resume(theirs.sessionId), undefined)
      assert.equal(await passwords.verify(store.id, 'new password 2026'), true)
      assert.equal(await passwords.verify(store.id, 'old password 2025'), false)
      assert.equal(await passwords.verify(other.id, 'new password 2026'), false)
      assert.equal(await passwords.verify('st_unknown', 'new password 2026'), false)
    })

    it('refuses to set a password for a store that does not exist', async () => {
      const passwords = new DashboardPasswords({ db: opened.db })

      await assert.rejects(passwords.set('st_unknown', 'long enough password'), {
        code: 'NOT_FOUND',
      })
    })
  })
}
