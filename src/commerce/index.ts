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
export type { Translation } from './translation.js'
export { combineSinks } from './combine-sinks.js'
export {
  EventKeyReusedError,
  SampleUnavailableError,
  WebhookPayloadError,
  WebhookSignatureError,
} from './errors.js'
export { hasValidSignature } from './webhook-signature.js'
export { translateShopifyWebhook } from './shopify/shopify-webhook.js'
export { isWooPing, translateWooWebhook, wooSigningKey } from './woocommerce/woo-webhook.js'
export { StoreEventBody } from './custom/custom-event-bodies.js'
export { translateCustomEvent, type CustomEvent } from './custom/translate-custom-event.js'
export {
  receiveStoreDelivery,
  type DeliveryOutcome,
  type DeliveryReceipt,
  type ReceiveDeps,
  type StoreDelivery,
} from './ingest/receive-delivery.js'
export { deliveryArrivals, type DeliveryArrivals } from './ingest/delivery-log.js'
export {
  readShopifyPayload,
  sampleCheckoutEvent,
  sampleOrderEvent,
  shopifySampleCheckout,
  shopifySampleOrder,
  type SampleIds,
} from './samples/index.js'
