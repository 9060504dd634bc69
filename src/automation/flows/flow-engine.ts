import type { StoreEvent, StoreEventSink } from '../../commerce/index.js'
import type { Trx } from '../../storage/index.js'
import { toStore, type Store } from '../../stores/index.js'
import { applyCheckout, stopRunsForOrder } from './abandoned-checkout.js'
import type { FlowEngineDeps } from './flow-engine-deps.js'
import { announceShipment, confirmOrder } from './transactional-flows.js'

/**
 * The flows' side of store events, inside the transaction that records each event: a
 * checkout starts, restarts or ends its abandoned-checkout run (its steps then wait for the
 * scheduler); an order ends the runs it converts and is confirmed by text; a shipment with
 * tracking is announced. Confirmations and shipping updates are stored at once, through the
 * compliance gate like every message.
 */
export class FlowEngine implements StoreEventSink {
  readonly #deps: FlowEngineDeps

  constructor(deps: FlowEngineDeps) {
    this.#deps = deps
  }

  async handle(trx: Trx, event: StoreEvent, nowMs: number): Promise<void> {
    const store = await loadStore(trx, event.storeId)
    if (store === undefined) return

    switch (event.type) {
      case 'checkout.updated':
        await applyCheckout(trx, this.#deps, { store, event, nowMs })
        return
      case 'order.placed':
        await stopRunsForOrder(trx, { store, event, nowMs })
        await confirmOrder(trx, this.#deps, { store, event, nowMs })
        return
      case 'shipment.updated':
        await announceShipment(trx, this.#deps, { store, event, nowMs })
        return
    }
  }
}

/** The store as it is in this transaction; the cached copies may be seconds old. */
export async function loadStore(trx: Trx, storeId: string): Promise<Store | undefined> {
  const row = await trx
    .selectFrom('stores')
    .selectAll()
    .where('id', '=', storeId)
    .executeTakeFirst()
  return row === undefined ? undefined : toStore(row)
}
