/**
 * Commerce: what stores tell Nudge. Shopify and WooCommerce webhooks (signatures verified,
 * deliveries deduplicated) and the generic event API are translated into {@link StoreEvent}s,
 * recorded, and handed to the {@link StoreEventSink} in the same transaction.
 */
export type {
  Address,
  CheckoutConsent,
  CheckoutUpdated,
  Customer,
  LineItem,
  OrderPlaced,
  Platform,
  ShipmentUpdated,
  StoreEvent,
  StoreEventSink,
} from './store-event.js'
