import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import { holdsClaim, updateClaimedStep, type ClaimedStep } from '../scheduler/index.js'
import type { CheckoutSnapshot } from './checkout-snapshot.js'
import type { FlowStep } from './flow-definition.js'
import type { FlowEngineDeps } from './flow-engine-deps.js'
import type { FlowStepStatus } from './flow-run.js'
import { endRun, lockRun, scheduleStep } from './flow-run-store.js'
import { renderAndStore } from './render-and-store.js'
import { checkoutContext, type ShownDiscount } from './template-context.js'

/** What sending a claimed step did; `superseded` when it was no longer this one's to send. */
export type CheckoutStepOutcome = FlowStepStatus | 'superseded'

/**
 * Stores the message of one claimed abandoned-checkout step, in one transaction with what it
 * means for the run: the next step scheduled (its delay counted from the run's start, never
 * before now), or the run completed, stopped by the gate, or failed. Nothing happens when the
 * run ended or restarted meanwhile, or the claim was taken over (`superseded`). The run's row
 * is locked before the step's, the order every writer of runs follows.
 */
export async function sendCheckoutStep(
  trx: Trx,
  deps: FlowEngineDeps,
  args: {
    readonly step: ClaimedStep
    readonly store: Store
    readonly discount: ShownDiscount | null
    readonly nowMs: number
  },
): Promise<CheckoutStepOutcome> {
  const { step, store, discount, nowMs } = args
  const run = await lockRun(trx, step.runId)
  if (!(await holdsClaim(trx, step))) return 'superseded'
  if (run === undefined || run.status !== 'active' || run.generation !== step.generation) {
    await updateClaimedStep(trx, step, { status: 'cancelled', nowMs })
    return 'superseded'
  }

  const steps = JSON.parse(run.steps) as FlowStep[]
  const checkout = JSON.parse(run.context) as CheckoutSnapshot
  const outcome = await renderAndStore(trx, deps, {
    store,
    flow: 'abandoned_checkout',
    runId: run.id,
    phone: run.phone ?? '',
    template: steps[step.position - 1]?.template ?? '',
    context: checkoutContext({ store, checkout, discount }),
    nowMs,
  })
  await updateClaimedStep(trx, step, {
    status: outcome.stepStatus,
    ...(outcome.messageId === null ? {} : { messageId: outcome.messageId }),
    error: outcome.error,
    nowMs,
  })

  const next = steps[step.position]
  if (outcome.runStatus === 'completed' && next !== undefined) {
    const dueAtMs = Math.max(Number(run.timers_from) + next.delayMinutes * 60_000, nowMs)
    await scheduleStep(trx, { run, position: step.position + 1, dueAtMs, nowMs })
  } else {
    await endRun(trx, { runId: run.id, status: outcome.runStatus, reason: outcome.reason, nowMs })
  }
  return outcome.stepStatus
}
