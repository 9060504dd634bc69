import type { OrderPlaced, StoreEvent, StoreEventSink } from '../commerce/index.js'
import type { Logger } from '../runtime/index.js'
import type { Trx } from '../storage/index.js'
import { loadAttributionWindowDays, windowMs } from './attribution-window.js'
import { findAttribution } from './find-attribution.js'

/**
 * Credits each new order to the flow message that earned it, in the transaction that records
 * the order, so an order and its credit commit together. Compose it before the flows' sink:
 * it then reads the flow runs as they were when the order came, before the order ends them.
 */
export class AttributionRecorder implements StoreEventSink {
  readonly #logger: Logger

  constructor(options: { readonly logger: Logger }) {
    this.#logger = options.logger
  }

  async handle(trx: Trx, event: StoreEvent, nowMs: number): Promise<void> {
    if (event.type !== 'order.placed') return
    await this.#attribute(trx, event, nowMs)
  }

  async #attribute(trx: Trx, order: OrderPlaced, nowMs: number): Promise<void> {
    const windowDays = await loadAttributionWindowDays(trx, order.storeId)
    const match = await findAttribution(trx, { order, windowMs: windowMs(windowDays) })
    if (match === undefined) return

    // An order is credited once: a second delivery of it, from any process, adds nothing.
    await trx
      .insertInto('order_attributions')
      .values({
        store_id: order.storeId,
        order_id: order.orderId,
        flow: match.flow,
        flow_run_id: match.flowRunId,
        message_id: match.messageId,
        method: match.method,
        revenue_micros: order.totalMicros,
        currency: order.currency,
        discount_micros: order.discountMicros,
        placed_at: order.placedAtMs,
        attributed_at: nowMs,
      })
      .onConflict((oc) => oc.columns(['store_id', 'order_id']).doNothing())
      .execute()

    this.#logger.info(
      { storeId: order.storeId, flowRunId: match.flowRunId, messageId: match.messageId },
      'order attributed',
    )
  }
}
