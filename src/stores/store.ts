import type { ComplianceSettings } from './compliance-settings.js'

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
}
