import { createHash } from 'node:crypto'
import type { CheckoutUpdated } from '../../commerce/index.js'

/** What an abandoned-checkout run keeps of its checkout, for the templates. */
export interface CheckoutSnapshot {
  readonly firstName: string | null
  readonly lastName: string | null
  readonly items: readonly {
    readonly title: string
    readonly variantTitle: string | null
    readonly quantity: number
    readonly priceMicros: number
  }[]
  readonly totalMicros: number
  readonly currency: string
  readonly recoveryUrl: string | null
}

export function snapshotCheckout(event: CheckoutUpdated): CheckoutSnapshot {
  return {
    firstName: event.customer?.firstName ?? null,
    lastName: event.customer?.lastName ?? null,
    items: event.items.map((item) => ({
      title: item.title,
      variantTitle: item.variantTitle,
      quantity: item.quantity,
      priceMicros: item.priceMicros,
    })),
    totalMicros: event.totalMicros,
    currency: event.currency,
    recoveryUrl: event.recoveryUrl,
  }
}

/**
 * A fingerprint of what is in the cart: items, quantities, prices and total. A checkout
 * resent with only other fields changed (an address, a newer timestamp) keeps it.
 */
export function cartHash(snapshot: CheckoutSnapshot): string {
  const cart = {
    items: snapshot.items.map((i) => [i.title, i.variantTitle, i.quantity, i.priceMicros]),
    total: snapshot.totalMicros,
    currency: snapshot.currency,
  }
  return createHash('sha256').update(JSON.stringify(cart)).digest('hex')
}
