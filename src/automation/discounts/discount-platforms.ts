import { Agent } from 'undici'
import type { Store } from '../../stores/index.js'
import type { DiscountPlatform } from './discount-platform.js'
import type { DiscountSettings } from './discount-settings.js'
import { DiscountCreationError } from './errors.js'
import { ShopifyDiscounts } from './shopify-discounts.js'
import { WooCommerceDiscounts } from './woocommerce-discounts.js'

/** Finds the platform a store's codes are created on. */
export interface DiscountPlatformSource {
  /** The store's platform, or a non-retryable error saying what is missing. */
  platformFor(store: Store, settings: DiscountSettings): DiscountPlatform | DiscountCreationError
}

export interface DiscountPlatformsOptions {
  /** Longest one request to a platform may take, connecting included, in ms. Default 10000. */
  readonly timeoutMs?: number
}

/**
 * Shopify and WooCommerce clients over one shared keep-alive pool. `close()` ends the pool.
 */
export class DiscountPlatforms implements DiscountPlatformSource {
  readonly #timeoutMs: number
  #agent: Agent | undefined

  constructor(options: DiscountPlatformsOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 10_000
  }

  platformFor(store: Store, settings: DiscountSettings): DiscountPlatform | DiscountCreationError {
    const { apiUrl, credentials } = settings
    const missing = (what: string): DiscountCreationError =>
      new DiscountCreationError('DISCOUNT_NOT_CONFIGURED', what, { retryable: false })
    if (store.platform !== 'shopify' && store.platform !== 'woocommerce') {
      return missing('the store is not on Shopify or WooCommerce, where codes are created')
    }
    if (apiUrl === null) return missing('the store has no discount API URL')

    const common = { apiUrl, dispatcher: this.#pool(), timeoutMs: this.#timeoutMs }
    if (store.platform === 'shopify') {
      if (credentials?.kind !== 'access_token') return missing('the store has no Shopify token')
      return new ShopifyDiscounts({ ...common, accessToken: credentials.accessToken })
    }
    if (credentials?.kind !== 'api_key') return missing('the store has no WooCommerce API key')
    return new WooCommerceDiscounts({
      ...common,
      consumerKey: credentials.consumerKey,
      consumerSecret: credentials.consumerSecret,
    })
  }

  async close(): Promise<void> {
    const agent = this.#agent
    this.#agent = undefined
    await agent?.close()
  }

  #pool(): Agent {
    this.#agent ??= new Agent({
      headersTimeout: this.#timeoutMs,
      bodyTimeout: this.#timeoutMs,
      connect: { timeout: this.#timeoutMs },
    })
    return this.#agent
  }
}
