import { storeEventEndpoint, type Store } from '../stores/index.js'

/** Where a store's platform sends its events, and how to set that up, for the terminal. */
export interface ConnectionGuide {
  /** The URL the platform (or the store's own code) posts to. */
  readonly endpoint: string
  readonly lines: readonly string[]
}

/**
 * The steps that connect a new store to Nudge on its platform, with its own URLs filled in.
 * `apiUrl` is where the platform reaches Nudge; Shopify only calls HTTPS addresses.
 */
export function connectionGuide(args: {
  readonly store: Store
  readonly apiUrl: string
  readonly apiKey: string
}): ConnectionGuide {
  const { store, apiKey } = args
  const apiUrl = args.apiUrl.replace(/\/+$/, '')
  const reachable = isPublicHttps(apiUrl)
    ? []
    : [
        `  Note: the platform must reach Nudge over HTTPS from the internet; ${apiUrl} is`,
        '  not such an address. Give Nudge’s public one with --api-url https://….',
      ]

  switch (store.platform) {
    case 'shopify': {
      const endpoint = storeEventEndpoint(store, apiUrl)
      const secretStep =
        store.platformSecret === null
          ? [
              '  3. Shopify then shows “Your webhooks will be signed with …”. Give Nudge that secret:',
              `       curl -X PATCH ${apiUrl}/v1/store -H "Authorization: Bearer ${apiKey}" \\`,
              `         -H "Content-Type: application/json" -d '{"platform_secret":"SECRET"}'`,
            ]
          : ['  3. Nudge checks their signatures with the secret you gave.']
      return {
        endpoint,
        lines: [
          'Connect Shopify:',
          '  1. In the Shopify admin: Settings → Notifications → Webhooks → Create webhook.',
          '  2. Create one webhook for each event below, format JSON, the latest API version,',
          `     URL ${endpoint}`,
          '       Checkout creation (checkouts/create)    Checkout update (checkouts/update)',
          '       Order creation (orders/create)          Order payment (orders/paid)',
          '       Fulfillment creation (fulfillments/create)',
          '       Fulfillment update (fulfillments/update)',
          ...secretStep,
          ...reachable,
        ],
      }
    }
    case 'woocommerce': {
      const endpoint = storeEventEndpoint(store, apiUrl)
      return {
        endpoint,
        lines: [
          'Connect WooCommerce:',
          '  1. In WordPress: WooCommerce → Settings → Advanced → Webhooks → Add webhook.',
          '  2. Add two webhooks, Status “Active”, topics “Order created” and “Order updated”,',
          '     API version “WP REST API Integration v3”, each with',
          `       Delivery URL: ${endpoint}`,
          `       Secret:       ${store.platformSecret ?? ''}`,
          '  3. Save each one: WooCommerce pings the URL and Nudge answers.',
          '  WooCommerce reports no abandoned carts: post them from the store’s server to',
          `  ${apiUrl}/v1/events as checkout.updated (README, “Connecting a store”).`,
          ...reachable,
        ],
      }
    }
    case 'custom': {
      const endpoint = storeEventEndpoint(store, apiUrl)
      return {
        endpoint,
        lines: [
          'Send the store’s events from its server:',
          `  POST ${endpoint} with the API key, types checkout.updated, order.placed and`,
          '  shipment.updated (README, “Connecting a store”).',
        ],
      }
    }
  }
}

function isPublicHttps(apiUrl: string): boolean {
  try {
    const { protocol, hostname } = new URL(apiUrl)
    const isLocal = /^(localhost|127\.|0\.0\.0\.0|\[::1?\]$|10\.|192\.168\.)/.test(hostname)
    return protocol === 'https:' && !isLocal
  } catch {
    return false
  }
}
