import { sql } from 'kysely'
import { databaseKindOf, type Trx } from '../../storage/index.js'

/** A due step taken by one scheduler, held until `leaseUntilMs`. */
export interface ClaimedStep {
  readonly id: string
  readonly storeId: string
  readonly runId: string
  readonly generation: number
  readonly position: number
  /** Failed attempts so far to create its discount code. */
  readonly attempts: number
  readonly discountCode: string | null
  readonly discountCreatedAtMs: number | null
  /**
   * The claim holds while the step's `due_at` is this value: a scheduler whose claim ran out
   * and was taken over finds another value there and records nothing.
   */
  readonly leaseUntilMs: number
}

/**
 * Takes up to `limit` due steps, the longest due first, and moves their `due_at` forward by
 * `leaseMs`, so no later look takes them while they run. A scheduler that dies holding one
 * leaves it due again once the lease ends. On PostgreSQL the rows are locked with
 * `SKIP LOCKED`, so schedulers in several processes never take the same step.
 */
export async function claimDueSteps(
  trx: Trx,
  options: { readonly nowMs: number; readonly limit: number; readonly leaseMs: number },
): Promise<ClaimedStep[]> {
  const rows = await trx
    .selectFrom('flow_steps')
    .selectAll()
    // A literal, so the planner matches the partial index of pending steps.
    .where('status', '=', sql.lit('pending'))
    .where('due_at', '<=', options.nowMs)
    .orderBy('due_at')
    .orderBy('id')
    .limit(options.limit)
    .$if(databaseKindOf(trx) === 'postgres', (qb) => qb.forUpdate().skipLocked())
    .execute()
  if (rows.length === 0) return []

  const leaseUntilMs = options.nowMs + options.leaseMs
  await trx
    .updateTable('flow_steps')
    .set({ due_at: leaseUntilMs, updated_at: options.nowMs })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute()

  return rows.map((row) => ({
    id: row.id,
    storeId: row.store_id,
    runId: row.run_id,
    generation: row.generation,
    position: row.position,
    attempts: row.attempts,
    discountCode: row.discount_code,
    discountCreatedAtMs: row.discount_created_at === null ? null : Number(row.discount_created_at),
    leaseUntilMs,
  }))
}

/**
 * True while the claim still holds; the step's row then stays locked on PostgreSQL until the
 * transaction ends, so nothing else changes it before the caller records what it did.
 */
export async function holdsClaim(trx: Trx, step: ClaimedStep): Promise<boolean> {
  const row = await trx
    .selectFrom('flow_steps')
    .select('id')
    .where('id', '=', step.id)
    .where('status', '=', 'pending')
    .where('due_at', '=', step.leaseUntilMs)
    .$if(databaseKindOf(trx) === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst()
  return row !== undefined
}

/** Changes a claimed step while the claim holds; false when it no longer does. */
export async function updateClaimedStep(
  trx: Trx,
  step: ClaimedStep,
  changes: {
    readonly status?: 'pending' | 'sent' | 'suppressed' | 'cancelled' | 'failed'
    readonly dueAtMs?: number | null
    readonly attempts?: number
    readonly messageId?: string
    readonly discountCode?: string
    readonly discountCreatedAtMs?: number
    readonly error?: string | null
    readonly nowMs: number
  },
): Promise<boolean> {
  const isDone = changes.status !== undefined && changes.status !== 'pending'
  const result = await trx
    .updateTable('flow_steps')
    .set({
      ...(changes.status === undefined ? {} : { status: changes.status }),
      ...(changes.dueAtMs === undefined ? {} : { due_at: changes.dueAtMs }),
      ...(changes.attempts === undefined ? {} : { attempts: changes.attempts }),
      ...(changes.messageId === undefined ? {} : { message_id: changes.messageId }),
      ...(changes.discountCode === undefined ? {} : { discount_code: changes.discountCode }),
      ...(changes.discountCreatedAtMs === undefined
        ? {}
        : { discount_created_at: changes.discountCreatedAtMs }),
      ...(changes.error === undefined ? {} : { error: changes.error }),
      ...(isDone ? { due_at: null, done_at: changes.nowMs } : {}),
      updated_at: changes.nowMs,
    })
    .where('id', '=', step.id)
    .where('status', '=', 'pending')
    .where('due_at', '=', step.leaseUntilMs)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
