import type { StoreEvent } from './store-event.js'

/**
 * What one delivery says: the store events in it (an order can be placed and shipped in one
 * WooCommerce update), or why nothing in it is for Nudge.
 */
export type Translation =
  | { readonly kind: 'events'; readonly events: readonly StoreEvent[] }
  | { readonly kind: 'ignored'; readonly reason: string }
