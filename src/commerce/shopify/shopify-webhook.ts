import { readPlatformJson } from '../platform-json.js'
import type { StoreEvent } from '../store-event.js'
import type { Translation } from '../translation.js'
import type { ShopifyContext } from './shopify-context.js'
import { translateShopifyCheckout } from './translate-checkout.js'
import { translateShopifyFulfillment } from './translate-fulfillment.js'
import { translateShopifyOrder } from './translate-order.js'

type Translate = (json: unknown, context: ShopifyContext) => StoreEvent

/** The Shopify topics Nudge acts on; a shop may send others, which are acknowledged. */
export const SHOPIFY_TOPICS: Readonly<Record<string, Translate>> = {
  'checkouts/create': translateShopifyCheckout,
  'checkouts/update': translateShopifyCheckout,
  'orders/create': translateShopifyOrder,
  'orders/paid': translateShopifyOrder,
  'fulfillments/create': translateShopifyFulfillment,
  'fulfillments/update': translateShopifyFulfillment,
}

/** What a verified Shopify delivery says; throws `WebhookPayloadError` for a bad payload. */
export function translateShopifyWebhook(args: {
  readonly store: ShopifyContext['store']
  readonly topic: string
  readonly body: Buffer
}): Translation {
  const translate = Object.hasOwn(SHOPIFY_TOPICS, args.topic)
    ? SHOPIFY_TOPICS[args.topic]
    : undefined
  if (translate === undefined) return { kind: 'ignored', reason: 'TOPIC_NOT_USED' }

  const json = readPlatformJson(args.body, args.topic)
  return { kind: 'events', events: [translate(json, { store: args.store, topic: args.topic })] }
}
