import { newId } from '../../runtime/index.js'
import { databaseKindOf, type Db, type FlowRunTable, type Trx } from '../../storage/index.js'
import type { FlowId } from './flow-definition.js'
import type { FlowRunReason, FlowRunRow, FlowRunStatus, FlowStepRow } from './flow-run.js'

/**
 * Adds a run unless one exists for the same subject; true when this call added it. Two
 * processes starting the same run at once both come here, and one of them adds it.
 */
export async function insertRun(trx: Trx, row: FlowRunTable): Promise<boolean> {
  const result = await trx
    .insertInto('flow_runs')
    .values(row)
    .onConflict((oc) => oc.columns(['store_id', 'flow', 'subject']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/**
 * The run about this subject, locked on PostgreSQL until the transaction ends: whoever
 * changes a run (an event, an order, a step being sent) holds its row first, then its steps,
 * so two writers never cross.
 */
export async function lockRunBySubject(
  trx: Trx,
  args: { readonly storeId: string; readonly flow: FlowId; readonly subject: string },
): Promise<FlowRunRow | undefined> {
  return trx
    .selectFrom('flow_runs')
    .selectAll()
    .where('store_id', '=', args.storeId)
    .where('flow', '=', args.flow)
    .where('subject', '=', args.subject)
    .$if(databaseKindOf(trx) === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst()
}

/** The run with this id, locked on PostgreSQL as {@link lockRunBySubject} says. */
export async function lockRun(trx: Trx, runId: string): Promise<FlowRunRow | undefined> {
  return trx
    .selectFrom('flow_runs')
    .selectAll()
    .where('id', '=', runId)
    .$if(databaseKindOf(trx) === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst()
}

export async function findRun(db: Db | Trx, runId: string): Promise<FlowRunRow | undefined> {
  return db.selectFrom('flow_runs').selectAll().where('id', '=', runId).executeTakeFirst()
}

/** Active runs of a flow for one number, locked on PostgreSQL. */
export async function lockActiveRunsOfPhone(
  trx: Trx,
  args: { readonly storeId: string; readonly flow: FlowId; readonly phone: string },
): Promise<FlowRunRow[]> {
  return trx
    .selectFrom('flow_runs')
    .selectAll()
    .where('store_id', '=', args.storeId)
    .where('phone', '=', args.phone)
    .where('status', '=', 'active')
    .where('flow', '=', args.flow)
    .orderBy('id')
    .$if(databaseKindOf(trx) === 'postgres', (qb) => qb.forUpdate())
    .execute()
}

/** Ends a run and cancels whatever of it still waits. */
export async function endRun(
  trx: Trx,
  args: {
    readonly runId: string
    readonly status: Exclude<FlowRunStatus, 'active'>
    readonly reason: FlowRunReason | null
    readonly orderId?: string
    readonly nowMs: number
  },
): Promise<void> {
  const { runId, nowMs } = args
  await trx
    .updateTable('flow_runs')
    .set({
      status: args.status,
      reason: args.reason,
      ...(args.orderId === undefined ? {} : { order_id: args.orderId }),
      updated_at: nowMs,
      ended_at: nowMs,
    })
    .where('id', '=', runId)
    .execute()
  await cancelPendingSteps(trx, runId, nowMs)
}

export async function cancelPendingSteps(trx: Trx, runId: string, nowMs: number): Promise<void> {
  await trx
    .updateTable('flow_steps')
    .set({ status: 'cancelled', due_at: null, updated_at: nowMs, done_at: nowMs })
    .where('run_id', '=', runId)
    .where('status', '=', 'pending')
    .execute()
}

/** Schedules one step of a run; a step already written for the same place is kept. */
export async function scheduleStep(
  trx: Trx,
  args: {
    readonly run: Pick<FlowRunRow, 'id' | 'store_id' | 'generation'>
    readonly position: number
    readonly dueAtMs: number
    readonly nowMs: number
  },
): Promise<void> {
  const { run, nowMs } = args
  await trx
    .insertInto('flow_steps')
    .values({
      id: newId('fs', nowMs),
      store_id: run.store_id,
      run_id: run.id,
      generation: run.generation,
      position: args.position,
      status: 'pending',
      due_at: args.dueAtMs,
      attempts: 0,
      message_id: null,
      discount_code: null,
      discount_created_at: null,
      error: null,
      created_at: nowMs,
      updated_at: nowMs,
      done_at: null,
    })
    .onConflict((oc) => oc.columns(['run_id', 'generation', 'position']).doNothing())
    .execute()
}

/** Newest first. */
export async function listRuns(
  db: Db,
  args: { readonly storeId: string; readonly flow: FlowId; readonly limit: number },
): Promise<{ run: FlowRunRow; steps: FlowStepRow[] }[]> {
  const runs = await db
    .selectFrom('flow_runs')
    .selectAll()
    .where('store_id', '=', args.storeId)
    .where('flow', '=', args.flow)
    .orderBy('id', 'desc')
    .limit(args.limit)
    .execute()
  if (runs.length === 0) return []

  const steps = await db
    .selectFrom('flow_steps')
    .selectAll()
    .where(
      'run_id',
      'in',
      runs.map((r) => r.id),
    )
    .orderBy('run_id')
    .orderBy('generation')
    .orderBy('position')
    .execute()
  return runs.map((run) => ({ run, steps: steps.filter((s) => s.run_id === run.id) }))
}

/** A fresh run row, `active` unless told otherwise. */
export function newRunRow(args: {
  readonly storeId: string
  readonly flow: FlowId
  readonly subject: string
  readonly phone: string | null
  readonly status?: FlowRunStatus
  readonly reason?: FlowRunReason | null
  readonly timersFromMs: number
  readonly sourceUpdatedAtMs: number
  readonly cartHash?: string | null
  readonly context: unknown
  readonly steps: unknown
  readonly orderId?: string | null
  readonly nowMs: number
}): FlowRunTable {
  const status = args.status ?? 'active'
  return {
    id: newId('fr', args.nowMs),
    store_id: args.storeId,
    flow: args.flow,
    subject: args.subject,
    phone: args.phone,
    status,
    reason: args.reason ?? null,
    generation: 1,
    timers_from: args.timersFromMs,
    source_updated_at: args.sourceUpdatedAtMs,
    cart_hash: args.cartHash ?? null,
    context: JSON.stringify(args.context),
    steps: JSON.stringify(args.steps),
    order_id: args.orderId ?? null,
    started_at: args.nowMs,
    updated_at: args.nowMs,
    ended_at: status === 'active' ? null : args.nowMs,
  }
}
