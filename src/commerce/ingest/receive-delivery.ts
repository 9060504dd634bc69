import type { ConsentDeps } from '../../compliance/index.js'
import { newId, type Clock } from '../../runtime/index.js'
import type { GroupCommit, Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import { EventKeyReusedError } from '../errors.js'
import type { Platform, StoreEvent, StoreEventSink } from '../store-event.js'
import type { Translation } from '../translation.js'
import { recordCheckoutConsent } from './checkout-consent.js'
import { findDelivery, insertDelivery } from './delivery-log.js'
import { recordCheckout, recordOrder, recordShipment } from './store-records.js'

export interface ReceiveDeps {
  readonly groupCommit: GroupCommit
  readonly clock: Clock
  readonly consent: ConsentDeps
  /** Acts on new events in the recording transaction; without one they are only recorded. */
  readonly sink?: StoreEventSink
}

/** One delivery from a store: a platform webhook or an API event. */
export interface StoreDelivery {
  readonly store: Store
  readonly platform: Platform
  /** The platform's topic, or the event type. */
  readonly topic: string
  /**
   * What identifies the delivery, unique per store and platform: a second delivery with it is
   * a duplicate and changes nothing.
   */
  readonly deliveryId: string
  /** SHA-256 of the raw body (or of a canonical form of it), in hex. */
  readonly bodySha256: string
  /**
   * The caller chose the id (an `Idempotency-Key`): sending it again with another body is a
   * mistake, not a duplicate, and fails with {@link EventKeyReusedError}.
   */
  readonly isCallerKey?: boolean
  readonly translation: Translation
}

export type DeliveryOutcome = 'accepted' | 'unchanged' | 'ignored' | 'duplicate'

export interface DeliveryReceipt {
  /** Nudge's id of the recorded delivery (of the first one, for a duplicate). */
  readonly id: string
  /**
   * `accepted`: new events were recorded and acted on; `unchanged`: the events told nothing
   * new (an order seen before, an older checkout state); `ignored`: nothing in it is for
   * Nudge; `duplicate`: this delivery was received before.
   */
  readonly outcome: DeliveryOutcome
  /** The events acted on, in order. */
  readonly events: readonly StoreEvent[]
}

/**
 * Records a delivery durably and acts on it, all in one transaction of the group commit: the
 * delivery, the latest state of each checkout, order and shipment it describes, the consent
 * a checkout carries, and whatever the sink does with each new event commit together, before
 * the platform hears back. A crash before the commit loses all of it, and the platform's
 * retry brings it again.
 */
export async function receiveStoreDelivery(
  deps: ReceiveDeps,
  delivery: StoreDelivery,
): Promise<DeliveryReceipt> {
  const nowMs = deps.clock.now()
  return deps.groupCommit.run((trx) => record(trx, deps, { delivery, nowMs }), 'durable')
}

async function record(
  trx: Trx,
  deps: ReceiveDeps,
  args: { readonly delivery: StoreDelivery; readonly nowMs: number },
): Promise<DeliveryReceipt> {
  const { delivery, nowMs } = args
  const { store, platform, deliveryId, bodySha256, translation } = delivery
  const seen = await findDelivery(trx, { storeId: store.id, platform, deliveryId })
  if (seen !== undefined) {
    if (delivery.isCallerKey === true && seen.body_sha256 !== bodySha256) {
      throw new EventKeyReusedError(deliveryId)
    }
    return { id: seen.id, outcome: 'duplicate', events: [] }
  }

  const acted: StoreEvent[] = []
  for (const event of translation.kind === 'events' ? translation.events : []) {
    const news = await recordEvent(trx, deps, { store, event, nowMs })
    if (news === undefined) continue
    await deps.sink?.handle(trx, news, nowMs)
    acted.push(news)
  }

  const receipt: DeliveryReceipt = {
    id: newId('sed', nowMs),
    outcome:
      translation.kind === 'ignored' ? 'ignored' : acted.length > 0 ? 'accepted' : 'unchanged',
    events: acted,
  }
  await insertDelivery(trx, {
    id: receipt.id,
    store_id: store.id,
    platform,
    topic: delivery.topic,
    delivery_id: deliveryId,
    body_sha256: bodySha256,
    outcome: receipt.outcome,
    events: JSON.stringify(acted.map((e) => e.type)),
    received_at: nowMs,
  })
  return receipt
}

/** Records one event; the event to act on (with what the records add), or undefined. */
async function recordEvent(
  trx: Trx,
  deps: ReceiveDeps,
  args: { readonly store: Store; readonly event: StoreEvent; readonly nowMs: number },
): Promise<StoreEvent | undefined> {
  const { store, event, nowMs } = args
  switch (event.type) {
    case 'checkout.updated': {
      const checkout = await recordCheckout(trx, event, nowMs)
      if (checkout !== undefined) {
        await recordCheckoutConsent(trx, deps.consent, { store, event: checkout, nowMs })
      }
      return checkout
    }
    case 'order.placed':
      return recordOrder(trx, event, nowMs)
    case 'shipment.updated':
      return recordShipment(trx, event, nowMs)
  }
}
