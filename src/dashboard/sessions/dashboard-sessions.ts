import { createHash, randomBytes } from 'node:crypto'
import type { Clock } from '../../runtime/index.js'
import type { Db, Trx } from '../../storage/index.js'
import { toStore, type Store } from '../../stores/index.js'

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000

/** A session ends this long after its login, however busy. */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

/**
 * How often a busy session's last use is written. Writing on every request would put a
 * database write behind each page of the dashboard; the idle limit is then reached up to
 * this much early, which nobody notices against twelve hours.
 */
const TOUCH_EVERY_MS = 60 * 1000

/** A session just opened: the cookie value is handed out once and never stored. */
export interface StartedSession {
  readonly sessionId: string
  readonly csrfToken: string
  readonly expiresAt: number
}

/** An open session found by its cookie value. */
export interface ResumedSession {
  readonly store: Store
  readonly csrfToken: string
  readonly expiresAt: number
  /** Whether this use moved the expiry on, so the browser's cookie should follow. */
  readonly extended: boolean
  /** Whether the cookie was first set with `Secure`; a renewed one keeps it. */
  readonly secure: boolean
}

/**
 * Dashboard sessions in the database, so every process sharing it knows them and a logout or
 * a new password ends them everywhere at once. The session id is 32 random bytes; only its
 * SHA-256 is stored, which is enough for a secret with that much entropy.
 */
export class DashboardSessions {
  readonly #db: Db
  readonly #clock: Clock

  constructor(options: { db: Db; clock: Clock }) {
    this.#db = options.db
    this.#clock = options.clock
  }

  /** Opens a session for the store; sessions that have run out go at the same time. */
  async start(storeId: string, options: { secure: boolean }): Promise<StartedSession> {
    const nowMs = this.#clock.now()
    const sessionId = randomBytes(32).toString('base64url')
    const csrfToken = randomBytes(32).toString('base64url')
    const expiresAt = nowMs + SESSION_IDLE_MS

    await this.removeExpired()
    await this.#db
      .insertInto('dashboard_sessions')
      .values({
        id_hash: hashSessionId(sessionId),
        store_id: storeId,
        csrf_token: csrfToken,
        cookie_secure: options.secure ? 1 : 0,
        created_at: nowMs,
        last_seen_at: nowMs,
        expires_at: expiresAt,
      })
      .execute()
    return { sessionId, csrfToken, expiresAt }
  }

  /**
   * The open session a cookie value names, with its store, or undefined. Each use moves the
   * idle limit on, never past the absolute one, unless `activity` is `background` (a page
   * refreshing itself, which is no sign of a person); a session found expired is deleted.
   */
  async resume(
    sessionId: string,
    activity: 'person' | 'background' = 'person',
  ): Promise<ResumedSession | undefined> {
    const nowMs = this.#clock.now()
    const idHash = hashSessionId(sessionId)
    const row = await this.#db
      .selectFrom('dashboard_sessions')
      .innerJoin('stores', 'stores.id', 'dashboard_sessions.store_id')
      .selectAll('stores')
      .select([
        'dashboard_sessions.csrf_token',
        'dashboard_sessions.cookie_secure',
        'dashboard_sessions.created_at as session_created_at',
        'dashboard_sessions.last_seen_at',
        'dashboard_sessions.expires_at',
      ])
      .where('dashboard_sessions.id_hash', '=', idHash)
      .executeTakeFirst()
    if (row === undefined) return undefined
    if (Number(row.expires_at) <= nowMs) {
      await this.#db.deleteFrom('dashboard_sessions').where('id_hash', '=', idHash).execute()
      return undefined
    }

    let expiresAt = Number(row.expires_at)
    const extended = activity === 'person' && nowMs - Number(row.last_seen_at) >= TOUCH_EVERY_MS
    if (extended) {
      expiresAt = Math.min(
        nowMs + SESSION_IDLE_MS,
        Number(row.session_created_at) + SESSION_LIFETIME_MS,
      )
      await this.#db
        .updateTable('dashboard_sessions')
        .set({ last_seen_at: nowMs, expires_at: expiresAt })
        .where('id_hash', '=', idHash)
        .execute()
    }
    return {
      store: toStore(row),
      csrfToken: row.csrf_token,
      expiresAt,
      extended,
      secure: Number(row.cookie_secure) === 1,
    }
  }

  /** Ends one session (a logout); false when it was not open. */
  async end(sessionId: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom('dashboard_sessions')
      .where('id_hash', '=', hashSessionId(sessionId))
      .executeTakeFirst()
    return result.numDeletedRows > 0n
  }

  /** Ends every session of a store, as a new password or API key does. */
  endStoreSessions(storeId: string): Promise<number> {
    return endStoreSessions(this.#db, storeId)
  }

  /** Deletes the sessions that have run out; returns how many. */
  async removeExpired(): Promise<number> {
    const result = await this.#db
      .deleteFrom('dashboard_sessions')
      .where('expires_at', '<=', this.#clock.now())
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}

/** Ends every session of a store inside the caller's transaction; returns how many. */
export async function endStoreSessions(db: Db | Trx, storeId: string): Promise<number> {
  const result = await db
    .deleteFrom('dashboard_sessions')
    .where('store_id', '=', storeId)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex')
}
