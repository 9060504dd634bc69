import type { ComplianceSettings } from './compliance-settings.js'

/** Where a store's events come from: a platform's webhooks, or the generic event API. */
export type StorePlatform = 'shopify' | 'woocommerce' | 'custom'

export const STORE_PLATFORMS: readonly StorePlatform[] = ['shopify', 'woocommerce', 'custom']

/** A tenant: one shop (or any sender) with its own key, settings and data. */
export interface Store {
  readonly id: string
  readonly name: string
  /** Where status webhooks go when a message has no `status_callback`. */
  readonly webhookUrl: string | null
  /** Secret that signs outbound webhooks (HMAC-SHA256). */
  readonly webhookSecret: string
  /** ISO 3166-1 alpha-2 country used to read national-format numbers. */
  readonly defaultCountry: string | null
  /** Sender used when a message gives no `from`. */
  readonly defaultSender: string | null
  /** Consent, quiet hours, frequency cap and keyword replies. */
  readonly compliance: ComplianceSettings
  readonly platform: StorePlatform
  /**
   * The secret the platform signs the store's webhooks with (Shopify's webhook signing
   * secret, the WooCommerce webhook secret), kept as given: it verifies their HMACs.
   */
  readonly platformSecret: string | null
  /** The store's own base URL, where its short links are served, without a trailing slash. */
  readonly publicBaseUrl: string | null
  /** IANA zone the store runs in. */
  readonly timeZone: string | null
  readonly createdAt: number
  readonly updatedAt: number
}

/** The settings a store may change about itself; `null` clears a setting. */
export interface StoreSettingsPatch {
  readonly name?: string
  readonly webhookUrl?: string | null
  readonly defaultCountry?: string | null
  readonly defaultSender?: string | null
  /** The complete new compliance settings. */
  readonly compliance?: ComplianceSettings
  readonly platform?: StorePlatform
  readonly platformSecret?: string | null
  readonly publicBaseUrl?: string | null
  readonly timeZone?: string | null
}
