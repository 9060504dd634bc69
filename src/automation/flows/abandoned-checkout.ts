import type { CheckoutUpdated, OrderPlaced } from '../../commerce/index.js'
import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import { cartHash, snapshotCheckout, type CheckoutSnapshot } from './checkout-snapshot.js'
import type { FlowStep } from './flow-definition.js'
import type { FlowEngineDeps } from './flow-engine-deps.js'
import type { FlowRunReason, FlowRunRow } from './flow-run.js'
import {
  cancelPendingSteps,
  endRun,
  insertRun,
  lockActiveRunsOfPhone,
  lockRunBySubject,
  newRunRow,
  scheduleStep,
} from './flow-run-store.js'
import { loadFlow } from './flow-store.js'

const FLOW = 'abandoned_checkout'

/**
 * Starts, refreshes, restarts or ends the abandoned-checkout run of a checkout. One run per
 * checkout however often it is resent: a newer cart (items or total changed) restarts it,
 * its step timers counting from the update; a completed checkout ends it. An update older
 * than the one applied last is ignored, as platforms do not deliver in order.
 */
export async function applyCheckout(
  trx: Trx,
  deps: FlowEngineDeps,
  args: { readonly store: Store; readonly event: CheckoutUpdated; readonly nowMs: number },
): Promise<void> {
  const { store, event, nowMs } = args
  if (event.completedAtMs !== null) {
    const checkoutId = event.checkoutId
    await convertCheckout(trx, { store, checkoutId, reason: 'CHECKOUT_COMPLETED', nowMs })
    return
  }
  if (event.phone === null) return

  const checkout = snapshotCheckout(event)
  const key = { storeId: store.id, flow: FLOW, subject: event.checkoutId } as const
  let run = await lockRunBySubject(trx, key)
  if (run === undefined) {
    if (await startRun(trx, deps, { store, event, checkout, nowMs })) return
    // Another process started it meanwhile; this event then updates that run.
    run = await lockRunBySubject(trx, key)
    if (run === undefined) return
  }
  await updateRun(trx, deps, { store, run, event, checkout, nowMs })
}

/**
 * An order ends the runs it converts: its checkout's, and any other active one of the same
 * number. A checkout with no run yet gets an ended one, so a late update of it starts nothing.
 */
export async function stopRunsForOrder(
  trx: Trx,
  args: { readonly store: Store; readonly event: OrderPlaced; readonly nowMs: number },
): Promise<void> {
  const { store, event, nowMs } = args
  const ended = { reason: 'ORDER_PLACED', orderId: event.orderId, nowMs } as const
  if (event.checkoutId !== null) {
    await convertCheckout(trx, { store, checkoutId: event.checkoutId, ...ended })
  }
  if (event.phone === null) return
  const phone = event.phone
  const runs = await lockActiveRunsOfPhone(trx, { storeId: store.id, flow: FLOW, phone })
  for (const run of runs) await endRun(trx, { runId: run.id, status: 'converted', ...ended })
}

async function startRun(
  trx: Trx,
  deps: FlowEngineDeps,
  args: { store: Store; event: CheckoutUpdated; checkout: CheckoutSnapshot; nowMs: number },
): Promise<boolean> {
  const { store, event, checkout, nowMs } = args
  const flow = await loadFlow(trx, store, FLOW)
  if (!flow.enabled || flow.steps.length === 0) return true

  const timersFromMs = timersFrom(event, nowMs)
  const run = newRunRow({
    storeId: store.id,
    flow: FLOW,
    subject: event.checkoutId,
    phone: event.phone,
    timersFromMs,
    sourceUpdatedAtMs: event.updatedAtMs,
    cartHash: cartHash(checkout),
    context: checkout,
    steps: flow.steps,
    nowMs,
  })
  if (!(await insertRun(trx, run))) return false

  const dueAtMs = timersFromMs + flow.steps[0]!.delayMinutes * 60_000
  await scheduleStep(trx, { run, position: 1, dueAtMs, nowMs })
  deps.logger.info({ storeId: store.id, flowRunId: run.id, flow: FLOW }, 'flow run started')
  return true
}

async function updateRun(
  trx: Trx,
  deps: FlowEngineDeps,
  args: {
    store: Store
    run: FlowRunRow
    event: CheckoutUpdated
    checkout: CheckoutSnapshot
    nowMs: number
  },
): Promise<void> {
  const { store, run, event, checkout, nowMs } = args
  if (run.status !== 'active' || event.updatedAtMs < Number(run.source_updated_at)) return

  const hash = cartHash(checkout)
  const refreshed = {
    phone: event.phone,
    context: JSON.stringify(checkout),
    source_updated_at: event.updatedAtMs,
    updated_at: nowMs,
  }
  if (hash === run.cart_hash) {
    await trx.updateTable('flow_runs').set(refreshed).where('id', '=', run.id).execute()
    return
  }

  const flow = await loadFlow(trx, store, FLOW)
  if (!flow.enabled || flow.steps.length === 0) {
    await endRun(trx, { runId: run.id, status: 'stopped', reason: 'FLOW_DISABLED', nowMs })
    return
  }
  // A newer cart: the reminders start over for what is in it now.
  const timersFromMs = timersFrom(event, nowMs)
  const restarted = { ...run, generation: run.generation + 1 }
  await cancelPendingSteps(trx, run.id, nowMs)
  await trx
    .updateTable('flow_runs')
    .set({
      ...refreshed,
      generation: restarted.generation,
      timers_from: timersFromMs,
      cart_hash: hash,
      steps: JSON.stringify(flow.steps satisfies readonly FlowStep[]),
    })
    .where('id', '=', run.id)
    .execute()
  const dueAtMs = timersFromMs + flow.steps[0]!.delayMinutes * 60_000
  await scheduleStep(trx, { run: restarted, position: 1, dueAtMs, nowMs })
  deps.logger.info(
    { storeId: store.id, flowRunId: run.id, flow: FLOW, generation: restarted.generation },
    'flow run restarted',
  )
}

async function convertCheckout(
  trx: Trx,
  args: {
    store: Store
    checkoutId: string
    reason: FlowRunReason
    orderId?: string
    nowMs: number
  },
): Promise<void> {
  const { store, checkoutId, reason, orderId, nowMs } = args
  const run = await lockRunBySubject(trx, { storeId: store.id, flow: FLOW, subject: checkoutId })
  if (run !== undefined) {
    if (run.status === 'active') {
      await endRun(trx, { runId: run.id, status: 'converted', reason, orderId, nowMs })
    }
    return
  }

  const flow = await loadFlow(trx, store, FLOW)
  if (!flow.enabled) return
  const ended = newRunRow({
    storeId: store.id,
    flow: FLOW,
    subject: checkoutId,
    phone: null,
    status: 'converted',
    reason,
    timersFromMs: nowMs,
    sourceUpdatedAtMs: nowMs,
    context: {},
    steps: [],
    orderId: orderId ?? null,
    nowMs,
  })
  await insertRun(trx, ended)
}

/**
 * Step delays count from the platform's time of the update, so a webhook delivered late does
 * not push the reminders later; never from a time ahead of ours, as clocks differ.
 */
function timersFrom(event: CheckoutUpdated, nowMs: number): number {
  return Math.min(event.updatedAtMs, nowMs)
}
