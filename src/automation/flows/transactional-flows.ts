import type { OrderPlaced, ShipmentUpdated } from '../../commerce/index.js'
import { newId } from '../../runtime/index.js'
import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import type { TemplateContext } from '../contracts.js'
import type { Flow } from './flow-definition.js'
import type { FlowEngineDeps } from './flow-engine-deps.js'
import { endRun, insertRun, newRunRow } from './flow-run-store.js'
import { loadFlow } from './flow-store.js'
import { renderAndStore } from './render-and-store.js'
import { orderContext, shipmentContext } from './template-context.js'

/** Confirms an order by text, once per order, when the order has a number. */
export async function confirmOrder(
  trx: Trx,
  deps: FlowEngineDeps,
  args: { readonly store: Store; readonly event: OrderPlaced; readonly nowMs: number },
): Promise<void> {
  const { store, event, nowMs } = args
  if (event.phone === null) return
  const flow = await loadFlow(trx, store, 'order_confirmation')
  if (!flow.enabled) return

  await sendOnce(trx, deps, {
    store,
    flow,
    subject: event.orderId,
    phone: event.phone,
    context: orderContext(store, event),
    sourceUpdatedAtMs: event.placedAtMs,
    nowMs,
  })
}

/**
 * Tells the customer their order shipped, with the carrier and tracking link: once per
 * shipment and tracking number, so later status changes of the same parcel send nothing and
 * a new tracking number sends again.
 */
export async function announceShipment(
  trx: Trx,
  deps: FlowEngineDeps,
  args: { readonly store: Store; readonly event: ShipmentUpdated; readonly nowMs: number },
): Promise<void> {
  const { store, event, nowMs } = args
  const tracking = event.trackingNumber ?? event.trackingUrl
  if (event.phone === null || tracking === null) return
  const flow = await loadFlow(trx, store, 'shipping_update')
  if (!flow.enabled) return

  await sendOnce(trx, deps, {
    store,
    flow,
    subject: `${event.shipmentId}:${tracking}`,
    phone: event.phone,
    context: shipmentContext(store, event),
    sourceUpdatedAtMs: event.updatedAtMs,
    nowMs,
  })
}

/**
 * Records the run and stores its one message at once, in the transaction that records the
 * event. A subject seen before sends nothing: the event was delivered again.
 */
async function sendOnce(
  trx: Trx,
  deps: FlowEngineDeps,
  args: {
    store: Store
    flow: Flow
    subject: string
    phone: string
    context: TemplateContext
    sourceUpdatedAtMs: number
    nowMs: number
  },
): Promise<void> {
  const { store, flow, phone, nowMs } = args
  const step = flow.steps[0]
  if (step === undefined) return
  const run = newRunRow({
    storeId: store.id,
    flow: flow.id,
    subject: args.subject,
    phone,
    timersFromMs: nowMs,
    sourceUpdatedAtMs: args.sourceUpdatedAtMs,
    context: args.context,
    steps: flow.steps,
    nowMs,
  })
  if (!(await insertRun(trx, run))) return

  const outcome = await renderAndStore(trx, deps, {
    store,
    flow: flow.id,
    runId: run.id,
    phone,
    template: step.template,
    context: args.context,
    nowMs,
  })
  await trx
    .insertInto('flow_steps')
    .values({
      id: newId('fs', nowMs),
      store_id: store.id,
      run_id: run.id,
      generation: 1,
      position: 1,
      status: outcome.stepStatus,
      due_at: null,
      attempts: 0,
      message_id: outcome.messageId,
      discount_code: null,
      discount_created_at: null,
      error: outcome.error,
      created_at: nowMs,
      updated_at: nowMs,
      done_at: nowMs,
    })
    .execute()
  await endRun(trx, { runId: run.id, status: outcome.runStatus, reason: outcome.reason, nowMs })

  const log = deps.logger.child({ storeId: store.id, flowRunId: run.id, flow: flow.id })
  if (outcome.runStatus === 'failed') log.error({ error: outcome.error }, 'flow message failed')
  else log.info({ messageId: outcome.messageId, status: outcome.stepStatus }, 'flow message stored')
}
