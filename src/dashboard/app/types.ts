import type { Money } from './format.js'

/** The API's answers the dashboard reads, as the server documents them. */

export interface StoreResource {
  readonly id: string
  readonly name: string
  readonly default_country: string | null
  readonly default_sender: string | null
  readonly platform: 'shopify' | 'woocommerce' | 'custom'
  readonly public_base_url: string | null
  readonly time_zone: string | null
  readonly compliance: {
    readonly quiet_hours: {
      readonly start: string
      readonly end: string
      readonly transactional: boolean
    }
    readonly frequency_cap: { readonly messages: number; readonly window_hours: number } | null
  }
}

export interface Connection {
  readonly platform: string
  readonly webhook_urls: readonly { readonly topic: string; readonly url: string }[]
  readonly last_webhook: {
    readonly at: string
    readonly topic: string
    readonly source?: string
  } | null
  readonly webhooks_received_24h?: number
}

export interface SampleResult {
  readonly topic: string
  readonly status_code: number
  /** What the store's own event route answered: its receipt, or a problem. */
  readonly answer: unknown
}

export type FlowId = 'abandoned_checkout' | 'order_confirmation' | 'shipping_update'

export interface FlowStep {
  readonly delay_minutes: number
  readonly template: string
  readonly discount?: {
    readonly type: 'percent' | 'fixed'
    readonly value: number
    readonly expires_in_days?: number
  } | null
}

export interface Flow {
  readonly id: FlowId
  readonly category: 'marketing' | 'transactional'
  readonly enabled: boolean
  readonly steps: readonly FlowStep[]
}

export interface Rendered {
  readonly text: string
  readonly encoding: 'GSM-7' | 'UCS-2'
  readonly units: number
  readonly units_per_segment: number
  readonly segments: number
  readonly price: Money
  readonly ucs2_characters: readonly {
    readonly character: string
    readonly code_point: string
    readonly positions: readonly number[]
  }[]
}

export interface Preview {
  readonly sample: Rendered
  readonly worst_case: Rendered
  readonly country: string | null
  readonly links: {
    readonly shortened: boolean
    readonly short_link: string | null
    readonly detail: string
  }
}

export interface Message {
  readonly id: string
  readonly direction: 'outbound' | 'inbound'
  readonly status: string
  readonly reason: string | null
  readonly to: string
  readonly from: string
  readonly body: string
  readonly category: string
  readonly encoding: string
  readonly segments: number
  readonly price: Money
  readonly error: { readonly code: string; readonly message: string | null } | null
  readonly created_at: string
  readonly sent_at: string | null
  readonly done_at: string | null
}

export interface MessagePage {
  readonly data: readonly Message[]
  readonly next_cursor: string | null
}

export interface Timeline {
  readonly events: readonly {
    readonly at: string
    readonly status: string
    readonly type: string
    readonly reason?: string | null
    readonly error_code?: string | null
    readonly detail?: string | null
  }[]
  readonly segments: readonly {
    readonly seq: number
    readonly route_id: string
    readonly smsc_message_id: string | null
    readonly status: string
    readonly submitted_at: string | null
    readonly done_at: string | null
    readonly error_code: string | null
  }[]
}

export interface ConsentRecord {
  readonly id: string
  readonly action: 'opt_in' | 'opt_out'
  readonly scope: 'marketing' | 'all'
  readonly source: string
  readonly evidence: {
    readonly wording: string | null
    readonly page_url: string | null
    readonly ip: string | null
    readonly user_agent: string | null
    readonly collected_at: string
  }
  readonly created_at: string
}

export interface Contact {
  readonly phone: string
  readonly marketing: 'none' | 'opted_in' | 'opted_out'
  readonly opted_out_of_all: boolean
  readonly consent_changed_at: string | null
  readonly time_zone: string | null
  readonly consent_history: readonly ConsentRecord[]
}

export interface Summary {
  readonly from: string
  readonly to: string
  readonly messages: {
    readonly sent: number
    readonly delivered: number
    readonly failed: number
    readonly suppressed: {
      readonly total: number
      readonly by_reason: Readonly<Record<string, number>>
    }
  }
  readonly clicks: { readonly unique: number; readonly click_through_rate: number | null }
  readonly orders: {
    readonly attributed: number
    readonly by_method: {
      readonly checkout: number
      readonly discount_code: number
      readonly click: number
    }
  }
  readonly revenue: readonly Money[]
  readonly sms_cost: readonly Money[]
  readonly discount_cost: readonly Money[] | null
  readonly return_on_ad_spend: number | null
}

export interface SeriesPoint {
  readonly start: string
  readonly end: string
  readonly sent: number
  readonly delivered: number
  readonly unique_clicks: number
  readonly orders: number
  readonly revenue: readonly Money[]
  readonly sms_cost: readonly Money[]
}

export interface Series {
  readonly bucket: 'day' | 'hour'
  readonly points: readonly SeriesPoint[]
}

export interface CarrierRoute {
  readonly id: string
  readonly host: string
  readonly port: number
  readonly binds: { readonly up: number; readonly configured: number } | null
  readonly rate_limit_segments_per_second: number
  readonly current_segments_per_second: number
  readonly queue_depth: number
  readonly owner: string | null
}

export interface CarrierReport {
  readonly routes: readonly CarrierRoute[]
  readonly unrouted: number
}
