import { Type } from 'typebox'
import type { DeliveryReceipt, ReceiveDeps, StoreEvent } from '../commerce/index.js'
import type { ApiDeps } from './api-deps.js'

/** What a store event delivery led to, as answered to the store or its platform. */
export const DeliveryReceiptSchema = Type.Object({
  id: Type.Union([Type.String(), Type.Null()], {
    description: 'The recorded delivery (the first one, for a duplicate); null for a ping',
  }),
  outcome: Type.Union(
    ['accepted', 'unchanged', 'ignored', 'duplicate', 'ping'].map((o) => Type.Literal(o)),
    {
      description:
        '`accepted`: new events recorded and acted on; `unchanged`: nothing new (an order ' +
        'seen before, an older checkout state); `ignored`: not for Nudge (a topic it does not ' +
        'use, an unpaid order); `duplicate`: received before; `ping`: a WooCommerce ping',
    },
  ),
  events: Type.Array(
    Type.Object({
      type: Type.String(),
      id: Type.String({ description: 'The checkout, order or shipment id' }),
    }),
    { description: 'The events acted on' },
  ),
})

export function toReceiptResource(receipt: DeliveryReceipt): Record<string, unknown> {
  return {
    id: receipt.id,
    outcome: receipt.outcome,
    events: receipt.events.map((event) => ({ type: event.type, id: subjectOf(event) })),
  }
}

export const PING_RECEIPT = { id: null, outcome: 'ping', events: [] }

/** What recording store events needs, from the API's dependencies. */
export function receiveDepsOf(deps: ApiDeps): ReceiveDeps {
  return {
    groupCommit: deps.groupCommit,
    clock: deps.clock,
    consent: { hasher: deps.hasher, webhookLifetimeMs: deps.webhookLifetimeMs },
    sink: deps.storeEventSink,
  }
}

function subjectOf(event: StoreEvent): string {
  switch (event.type) {
    case 'checkout.updated':
      return event.checkoutId
    case 'order.placed':
      return event.orderId
    case 'shipment.updated':
      return event.shipmentId
  }
}
