import { sql } from 'kysely'
import { databaseKindOf, type Db, type MessageSegmentTable, type Trx } from '../storage/index.js'
import type { MessageRow } from '../messaging/index.js'

/** How long a claimed message stays with its worker before another pass may take it. */
export const CLAIM_LEASE_MS = 5 * 60_000

export interface ClaimedMessage {
  readonly message: MessageRow
  /** Segments an earlier attempt already had accepted by the SMSC; never sent again. */
  readonly acceptedSeqs: ReadonlySet<number>
}

/**
 * Takes up to `limit` due messages off the queue: queued ones, scheduled ones whose time has
 * come, and `sending` ones whose lease ran out (their worker stopped mid-way). Claimed rows
 * become `sending` with a lease, so the next pass skips them. `sending` is a short internal
 * step: it is stored and shown on the message but, like most SMS APIs, not announced by an
 * event or webhook; `sent` follows within milliseconds.
 *
 * With `routeIds`, only messages bound to one of those routes or to none yet are looked at;
 * `routeOf` then binds each unbound one. Messages whose route is not among `routeIds` are only
 * bound, not claimed: that route's owner takes them. On PostgreSQL the rows are locked with
 * `SKIP LOCKED`, so workers claiming at the same moment never get the same message.
 */
export async function claimDueMessages(
  trx: Trx,
  options: {
    nowMs: number
    limit: number
    routeIds?: readonly string[]
    routeOf?: (row: MessageRow) => string | undefined
  },
): Promise<ClaimedMessage[]> {
  const { routeIds, routeOf } = options
  const due = (await trx
    .selectFrom('messages')
    .selectAll()
    // Literals, not parameters: the planner matches the partial index of waiting messages
    // only against values it sees while planning.
    .where('status', 'in', [sql.lit('queued'), sql.lit('scheduled'), sql.lit('sending')])
    .where('due_at', '<=', options.nowMs)
    .$if(routeIds !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('route_id', 'is', null),
          ...(routeIds?.length ? [eb('route_id', 'in', routeIds)] : []),
        ]),
      ),
    )
    .orderBy('due_at')
    .limit(options.limit)
    .$if(databaseKindOf(trx) === 'postgres', (qb) => qb.forUpdate().skipLocked())
    .execute()) as MessageRow[]
  if (due.length === 0) return []

  const rows: MessageRow[] = []
  for (const row of due) {
    const routeId = row.route_id ?? routeOf?.(row) ?? null
    // A message no route serves is claimed too; the worker puts it back to wait for one.
    if (routeIds === undefined || routeId === null || routeIds.includes(routeId)) {
      rows.push({ ...row, route_id: routeId })
    } else {
      await trx
        .updateTable('messages')
        .set({ route_id: routeId })
        .where('id', '=', row.id)
        .execute()
    }
  }
  if (rows.length === 0) return []

  const dueAtMs = options.nowMs + CLAIM_LEASE_MS
  for (const [routeId, ids] of groupIdsByRoute(rows)) {
    await trx
      .updateTable('messages')
      .set({
        status: 'sending',
        route_id: routeId,
        due_at: dueAtMs,
        attempts: sql`attempts + 1`,
        updated_at: options.nowMs,
      })
      .where('id', 'in', ids)
      .execute()
  }

  const resumed = rows.filter((r) => r.status === 'sending').map((r) => r.id)
  const accepted =
    resumed.length === 0
      ? []
      : await trx
          .selectFrom('message_segments')
          .select(['message_id', 'seq'])
          .where('message_id', 'in', resumed)
          .where('smsc_message_id', 'is not', null)
          .execute()

  return rows.map((row) => ({
    message: { ...row, status: 'sending', due_at: dueAtMs, attempts: row.attempts + 1 },
    acceptedSeqs: new Set(accepted.filter((a) => a.message_id === row.id).map((a) => a.seq)),
  }))
}

function groupIdsByRoute(rows: readonly MessageRow[]): Map<string | null, string[]> {
  const groups = new Map<string | null, string[]>()
  for (const row of rows) {
    const ids = groups.get(row.route_id) ?? []
    ids.push(row.id)
    groups.set(row.route_id, ids)
  }
  return groups
}

/**
 * After a restart nothing is in flight any more: messages that were `sending` become due at
 * once instead of waiting out their lease. Only for a worker that is alone on its database.
 */
export async function releaseAllClaims(db: Db, nowMs: number): Promise<number> {
  const result = await db
    .updateTable('messages')
    .set({ due_at: nowMs })
    .where('status', '=', 'sending')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * A worker that has just become a route's owner takes over what the previous owner left
 * `sending` on it: only the owner sends on a route, so those claims are orphans.
 */
export async function releaseRouteClaims(db: Db, routeId: string, nowMs: number): Promise<number> {
  const result = await db
    .updateTable('messages')
    .set({ due_at: nowMs })
    .where('status', '=', 'sending')
    .where('route_id', '=', routeId)
    .where('due_at', '>', nowMs)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Puts a claimed message back on the queue to try again at `dueAtMs`. */
export async function deferMessage(trx: Trx, messageId: string, dueAtMs: number): Promise<void> {
  await trx.updateTable('messages').set({ due_at: dueAtMs }).where('id', '=', messageId).execute()
}

/** Records the SMSC's acceptance of one segment; a resend after a crash counts as a duplicate. */
export async function recordSegmentAccepted(
  trx: Trx,
  segment: Omit<MessageSegmentTable, 'submit_count' | 'status' | 'error_code' | 'done_at'>,
): Promise<void> {
  await trx
    .insertInto('message_segments')
    .values({ ...segment, submit_count: 1, status: 'accepted', error_code: null, done_at: null })
    .onConflict((oc) =>
      oc.columns(['message_id', 'seq']).doUpdateSet({
        smsc_message_id: segment.smsc_message_id,
        route_id: segment.route_id,
        submitted_at: segment.submitted_at,
        submit_count: sql`message_segments.submit_count + 1`,
      }),
    )
    .execute()
}
