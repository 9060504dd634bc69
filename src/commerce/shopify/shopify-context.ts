import type { Store } from '../../stores/index.js'

/** What translating a Shopify payload needs besides the payload. */
export interface ShopifyContext {
  readonly store: Pick<Store, 'id' | 'defaultCountry'>
  /** The delivery's `X-Shopify-Topic`, named in problems. */
  readonly topic: string
}
