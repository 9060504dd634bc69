import type { Store } from './store.js'

/** One address a store's platform (or its own code) posts an event topic to. */
export interface StoreEndpoint {
  readonly topic: string
  readonly url: string
}

const SHOPIFY_TOPICS = [
  'checkouts/create',
  'checkouts/update',
  'orders/create',
  'orders/paid',
  'fulfillments/create',
  'fulfillments/update',
]
const WOOCOMMERCE_TOPICS = ['order.created', 'order.updated']
const EVENT_TYPES = ['checkout.updated', 'order.placed', 'shipment.updated']

/** Where the store's events arrive: its platform's webhook route, or the event API. */
export function storeEventEndpoint(store: Pick<Store, 'id' | 'platform'>, apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '')
  return store.platform === 'custom'
    ? `${base}/v1/events`
    : `${base}/v1/stores/${store.id}/${store.platform}/webhooks`
}

/**
 * Every topic the store should send and where. WooCommerce reports no abandoned carts, so
 * its checkouts come from the store's server through the event API.
 */
export function storeEndpoints(
  store: Pick<Store, 'id' | 'platform'>,
  apiUrl: string,
): StoreEndpoint[] {
  const endpoint = storeEventEndpoint(store, apiUrl)
  switch (store.platform) {
    case 'shopify':
      return SHOPIFY_TOPICS.map((topic) => ({ topic, url: endpoint }))
    case 'woocommerce':
      return [
        ...WOOCOMMERCE_TOPICS.map((topic) => ({ topic, url: endpoint })),
        {
          topic: 'checkout.updated',
          url: storeEventEndpoint({ ...store, platform: 'custom' }, apiUrl),
        },
      ]
    case 'custom':
      return EVENT_TYPES.map((topic) => ({ topic, url: endpoint }))
  }
}
