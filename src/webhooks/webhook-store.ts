import { sql } from 'kysely'
import { newId } from '../runtime/index.js'
import { databaseKindOf, type Db, type Trx } from '../storage/index.js'
import type { WebhookAttemptError } from './errors.js'
import type { RetrySchedule } from './retry-schedule.js'
import type { WebhookDeliveryState } from './webhook-delivery.js'

/** A due delivery taken by the dispatcher, with what it needs to send it. */
export interface ClaimedDelivery {
  readonly id: string
  readonly storeId: string
  readonly eventId: string
  readonly eventType: string
  readonly url: string
  /** The JSON text to POST, byte for byte as stored. */
  readonly payload: string
  /** The store's signing secret; never log it. */
  readonly secret: string
  readonly attempts: number
  readonly createdAtMs: number
  readonly expiresAtMs: number
  /** The claim holds until then; the outcome is recorded only while it still holds. */
  readonly leaseUntilMs: number
}

export type AttemptResult =
  | { readonly ok: true; readonly statusCode: number }
  | { readonly ok: false; readonly error: WebhookAttemptError }

/** What recording an attempt did; `lease_lost` means the row changed meanwhile and was kept. */
export type AttemptOutcome =
  | { readonly outcome: 'delivered'; readonly attempts: number }
  | {
      readonly outcome: 'retry_scheduled'
      readonly attempts: number
      readonly nextAttemptAtMs: number
    }
  | { readonly outcome: 'dead_lettered'; readonly attempts: number }
  | { readonly outcome: 'lease_lost' }

export interface EnqueueWebhookInput {
  readonly storeId: string
  readonly eventId: string
  readonly url: string
  readonly nowMs: number
  readonly expiresAtMs: number
}

/** Adds a pending delivery, due at once; meant to run in the transaction writing the event. */
export async function enqueueWebhook(
  trx: Trx | Db,
  input: EnqueueWebhookInput,
): Promise<{ id: string }> {
  const id = newId('whd', input.nowMs)
  await trx
    .insertInto('webhook_deliveries')
    .values({
      id,
      store_id: input.storeId,
      event_id: input.eventId,
      url: input.url,
      state: 'pending',
      attempts: 0,
      next_attempt_at: input.nowMs,
      expires_at: input.expiresAtMs,
      last_status_code: null,
      last_error: null,
      created_at: input.nowMs,
      updated_at: input.nowMs,
      delivered_at: null,
    })
    .execute()
  return { id }
}

/**
 * Takes up to `limit` due deliveries, oldest due first, and moves their `next_attempt_at`
 * forward by `leaseMs`, so a poll that runs while an attempt is still out does not send the
 * same delivery again. If the process dies mid-attempt, the delivery is due again once the
 * lease ends.
 *
 * Run it inside a transaction, so the select and the lease are one step.
 *
 * On PostgreSQL the rows are also locked with `SKIP LOCKED`, so dispatchers in several
 * processes never claim the same delivery.
 */
export async function claimDueDeliveries(
  trx: Db | Trx,
  options: { readonly nowMs: number; readonly limit: number; readonly leaseMs: number },
): Promise<readonly ClaimedDelivery[]> {
  const leaseUntilMs = options.nowMs + options.leaseMs
  const rows = await trx
    .selectFrom('webhook_deliveries as d')
    .innerJoin('message_events as e', (join) =>
      join.onRef('e.id', '=', 'd.event_id').onRef('e.store_id', '=', 'd.store_id'),
    )
    .innerJoin('stores as s', 's.id', 'd.store_id')
    .select(['d.id', 'd.store_id', 'd.event_id', 'd.url', 'd.attempts', 'd.created_at'])
    .select(['d.expires_at', 'e.type', 'e.payload', 's.webhook_secret'])
    // A literal, not a parameter: a planner matches the partial index of pending rows only
    // against values it sees while planning (PostgreSQL's generic plans see none).
    .where('d.state', '=', sql.lit('pending'))
    .where('d.next_attempt_at', '<=', options.nowMs)
    .orderBy('d.next_attempt_at')
    .orderBy('d.id')
    .limit(options.limit)
    .$if(databaseKindOf(trx) === 'postgres', (qb) => qb.forUpdate(['d']).skipLocked())
    .execute()
  if (rows.length === 0) return []

  await trx
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: leaseUntilMs })
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .execute()

  return rows.map((row) => ({
    id: row.id,
    storeId: row.store_id,
    eventId: row.event_id,
    eventType: row.type,
    url: row.url,
    payload: row.payload,
    secret: row.webhook_secret,
    attempts: row.attempts,
    createdAtMs: row.created_at,
    expiresAtMs: row.expires_at,
    leaseUntilMs,
  }))
}

export interface RecordAttemptInput {
  readonly delivery: Pick<
    ClaimedDelivery,
    'id' | 'storeId' | 'attempts' | 'createdAtMs' | 'expiresAtMs' | 'leaseUntilMs'
  >
  readonly result: AttemptResult
  readonly nowMs: number
  readonly schedule: RetrySchedule
}

/**
 * Stores the result of one attempt: any 2xx delivers; a retryable failure is rescheduled
 * until the schedule gives up; a failure that cannot improve, or one past the expiry, turns
 * the delivery into a dead letter (`failed`). The update applies only while the claim's lease
 * is still on the row: a manual retry in the meantime wins.
 */
export async function recordAttempt(
  trx: Trx | Db,
  input: RecordAttemptInput,
): Promise<AttemptOutcome> {
  const { delivery, result, nowMs } = input
  const attempts = delivery.attempts + 1
  const failure = result.ok ? undefined : result.error

  const nextAttemptAt =
    failure?.retryable === true
      ? input.schedule.nextAttemptAt({
          attempts,
          nowMs,
          createdAtMs: delivery.createdAtMs,
          expiresAtMs: delivery.expiresAtMs,
        })
      : 'give_up'
  const state: WebhookDeliveryState =
    failure === undefined ? 'delivered' : nextAttemptAt === 'give_up' ? 'failed' : 'pending'

  const updated = await trx
    .updateTable('webhook_deliveries')
    .set({
      state,
      attempts,
      next_attempt_at: typeof nextAttemptAt === 'number' ? nextAttemptAt : nowMs,
      last_status_code: result.ok ? result.statusCode : result.error.statusCode,
      last_error: failure === undefined ? null : failure.message,
      updated_at: nowMs,
      delivered_at: state === 'delivered' ? nowMs : null,
    })
    .where('id', '=', delivery.id)
    .where('store_id', '=', delivery.storeId)
    .where('state', '=', 'pending')
    .where('attempts', '=', delivery.attempts)
    .where('next_attempt_at', '=', delivery.leaseUntilMs)
    .executeTakeFirst()
  if (updated.numUpdatedRows === 0n) return { outcome: 'lease_lost' }

  if (state === 'delivered') return { outcome: 'delivered', attempts }
  if (typeof nextAttemptAt === 'number') {
    return { outcome: 'retry_scheduled', attempts, nextAttemptAtMs: nextAttemptAt }
  }
  return { outcome: 'dead_lettered', attempts }
}
