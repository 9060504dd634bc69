import type { Generated } from 'kysely'

/**
 * Row shapes of every table. Times are integer milliseconds since the Unix epoch; money is
 * integer micro-units of the currency (1 USD = 1,000,000), so sums never drift.
 */
export interface Database {
  stores: StoreTable
  api_keys: ApiKeyTable
  messages: MessageTable
  message_segments: MessageSegmentTable
  idempotency_keys: IdempotencyKeyTable
  message_events: MessageEventTable
  webhook_deliveries: WebhookDeliveryTable
  route_leases: RouteLeaseTable
  contacts: ContactTable
  consent_events: ConsentEventTable
  gate_decisions: GateDecisionTable
  contact_erasures: ContactErasureTable
  links: LinkTable
  link_clicks: LinkClickTable
  store_event_deliveries: StoreEventDeliveryTable
  checkouts: CheckoutTable
  orders: OrderTable
  shipments: ShipmentTable
  discount_settings: DiscountSettingsTable
  flows: FlowTable
  flow_runs: FlowRunTable
  flow_steps: FlowStepTable
  order_attributions: OrderAttributionTable
  attribution_settings: AttributionSettingsTable
  dashboard_sessions: DashboardSessionTable
}

export interface StoreTable {
  id: string
  name: string
  webhook_url: string | null
  webhook_secret: string
  default_country: string | null
  default_sender: string | null
  /** JSON of the store's compliance settings; null means every default. */
  compliance_settings: string | null
  /** `shopify`, `woocommerce` or `custom` (the default; null reads as it too). */
  platform: string | null
  /** The secret the store's platform signs its webhooks with, as the store gave it. */
  platform_secret: string | null
  /** Where the store's short links live, e.g. `https://shop.example`. */
  public_base_url: string | null
  /** IANA zone of the store. */
  time_zone: string | null
  /** scrypt hash of the dashboard password, parameters included; null when none is set. */
  dashboard_password_hash: string | null
  created_at: number
  updated_at: number
}

export interface ApiKeyTable {
  id: string
  store_id: string
  /** SHA-256 of the key in hex; the key itself is shown once and never stored. */
  key_hash: string
  created_at: number
  revoked_at: number | null
}

export interface MessageTable {
  id: string
  store_id: string
  direction: 'outbound' | 'inbound'
  recipient: string
  sender: string
  body: string
  encoding: 'GSM-7' | 'UCS-2'
  segment_count: number
  price_micros: number
  currency: string
  country: string | null
  category: 'transactional' | 'marketing'
  status: string
  /** Why the compliance gate held or suppressed the message (`QUIET_HOURS`, `OPTED_OUT`, …). */
  reason: string | null
  /** SMPP command_status or receipt error code of the last failure, as text. */
  error_code: string | null
  error_message: string | null
  send_at: number | null
  status_callback: string | null
  /** JSON object given by the caller, returned untouched. */
  metadata: string | null
  route_id: string | null
  /** Next time the queue may pick the message up (scheduled send or retry). */
  due_at: number | null
  attempts: number
  /** Reference number shared by every segment's UDH, 0–255. */
  concat_ref: number
  created_at: number
  updated_at: number
  sent_at: number | null
  done_at: number | null
}

export interface MessageSegmentTable {
  message_id: string
  /** 1-based position of the segment within its message. */
  seq: number
  route_id: string
  /** Id the SMSC returned in submit_sm_resp; receipts refer to it. */
  smsc_message_id: string | null
  /** How many submit_sm were sent for this segment; above 1 means a duplicate went out. */
  submit_count: number
  status: string
  error_code: string | null
  submitted_at: number | null
  done_at: number | null
}

export interface IdempotencyKeyTable {
  store_id: string
  key: string
  /** SHA-256 of the canonical request, to tell a retry from a different request. */
  request_hash: string
  message_id: string
  created_at: number
}

export interface MessageEventTable {
  /** Monotonic cursor for `GET /v1/events?after=`. */
  seq: Generated<number>
  id: string
  store_id: string
  message_id: string
  type: string
  status: string
  /** JSON payload as delivered to webhooks. */
  payload: string
  created_at: number
}

export interface WebhookDeliveryTable {
  id: string
  store_id: string
  event_id: string
  url: string
  state: 'pending' | 'delivered' | 'failed'
  attempts: number
  next_attempt_at: number
  /** When retrying stops and the delivery becomes a dead letter. */
  expires_at: number
  last_status_code: number | null
  last_error: string | null
  created_at: number
  updated_at: number
  delivered_at: number | null
}

/** Which worker owns a route's binds and rate budget, until `expires_at` unless renewed. */
export interface RouteLeaseTable {
  route_id: string
  owner: string
  acquired_at: number
  expires_at: number
}

/**
 * The current consent state of one recipient of one store, derived from `consent_events` and
 * updated in the same transaction as each event, so the gate reads one row. After erasure
 * `phone` holds the number's keyed hash instead of the number.
 */
export interface ContactTable {
  store_id: string
  phone: string
  /** `none`, `opted_in` or `opted_out`: may marketing go? */
  marketing: string
  /** 1 once the recipient opted out of every message (STOP); 0 otherwise. */
  opted_out_all: number
  consent_changed_at: number | null
  /** How many consent records this contact has; numbers the next one. */
  consent_records: number
  /** JSON of a double opt-in waiting for its YES: scope, request message, evidence. */
  pending_opt_in: string | null
  /** IANA zone the store recorded for the recipient. */
  time_zone: string | null
  shipping_country: string | null
  shipping_province: string | null
  shipping_zip: string | null
  erased_at: number | null
  created_at: number
  updated_at: number
}

/** One consent change, appended and never edited; erasure only removes personal fields. */
export interface ConsentEventTable {
  id: string
  store_id: string
  phone: string
  /** Position among the contact's records, from 1: orders records made in the same ms. */
  seq: number
  action: 'opt_in' | 'opt_out'
  scope: 'marketing' | 'all'
  source: 'checkout' | 'keyword' | 'api' | 'import' | 'double_opt_in'
  /** The wording the recipient saw or sent. */
  wording: string | null
  page_url: string | null
  ip: string | null
  user_agent: string | null
  collected_at: number
  /** The inbound message that carried a keyword or a double opt-in YES. */
  message_id: string | null
  created_at: number
}

/** What the compliance gate decided about one outbound message, and why. */
export interface GateDecisionTable {
  id: string
  store_id: string
  message_id: string
  phone: string
  category: 'transactional' | 'marketing'
  decision: 'allowed' | 'held' | 'suppressed'
  reason: string | null
  rule: string
  /** JSON array of the IANA zones judged, empty when quiet hours were not consulted. */
  zones: string
  zone_source: string | null
  /** JSON array of the local wall-clock times judged at, ISO 8601 with offset. */
  local_times: string
  release_at: number | null
  created_at: number
}

/** A record that a recipient's personal data was erased, keyed by the number's hash. */
export interface ContactErasureTable {
  id: string
  store_id: string
  phone_hash: string
  messages: number
  consent_events: number
  decisions: number
  created_at: number
}

/**
 * One store event delivery: a platform webhook or a `POST /v1/events`, whatever it led to.
 * Only what identifies it is kept, not the body, which holds personal data.
 */
export interface StoreEventDeliveryTable {
  id: string
  store_id: string
  platform: string
  /** The platform's topic (`orders/create`, `order.updated`) or the event type. */
  topic: string
  /** The platform's delivery id, or the caller's idempotency key; unique per store. */
  delivery_id: string
  body_sha256: string
  /** `accepted` (new events acted on), `unchanged` (nothing new) or `ignored` (not for us). */
  outcome: string
  /** JSON array of the event types acted on. */
  events: string
  received_at: number
}

/** The latest state of a checkout; items are a JSON array, money in micros. */
export interface CheckoutTable {
  store_id: string
  checkout_id: string
  platform: string
  phone: string | null
  first_name: string | null
  last_name: string | null
  email: string | null
  items: string
  total_micros: number
  currency: string
  recovery_url: string | null
  shipping_country: string | null
  shipping_province: string | null
  shipping_zip: string | null
  /** When the platform said the checkout became an order, or an order named it. */
  completed_at: number | null
  /** The platform's time of this state; an older one never replaces it. */
  changed_at: number
  created_at: number
  updated_at: number
}

/** An order as first placed; recorded once. */
export interface OrderTable {
  store_id: string
  order_id: string
  platform: string
  order_name: string
  checkout_id: string | null
  phone: string | null
  first_name: string | null
  last_name: string | null
  email: string | null
  items: string
  total_micros: number
  currency: string
  /** JSON array of the discount codes used. */
  discount_codes: string
  shipping_country: string | null
  shipping_province: string | null
  shipping_zip: string | null
  placed_at: number
  created_at: number
}

/** The latest state of a shipment (a Shopify fulfillment; a WooCommerce order's tracking). */
export interface ShipmentTable {
  store_id: string
  shipment_id: string
  platform: string
  order_id: string
  phone: string | null
  tracking_number: string | null
  tracking_url: string | null
  tracking_company: string | null
  status: string | null
  changed_at: number
  created_at: number
  updated_at: number
}

/** How a store's platform is reached to create discount codes; no row means not at all. */
export interface DiscountSettingsTable {
  store_id: string
  /** The shop's base URL, e.g. `https://shop.myshopify.com`; null until set. */
  api_url: string | null
  /** JSON of the platform's credentials; never logged, never shown by the API. */
  credentials: string | null
  /** Put before every discount code, e.g. `NUDGE-`. */
  prefix: string
  updated_at: number
}

/** One flow of one store as the store set it; a flow without a row has its defaults. */
export interface FlowTable {
  store_id: string
  /** `abandoned_checkout`, `order_confirmation` or `shipping_update`. */
  flow: string
  /** 1 when the flow runs, 0 when it is switched off. */
  enabled: number
  /** JSON array of the steps: delay, template, discount. */
  steps: string
  updated_at: number
}

/** One run of a flow, started by a store event: a checkout, an order or a shipment. */
export interface FlowRunTable {
  id: string
  store_id: string
  flow: string
  /** What the run is about: checkout id, order id, or shipment id and tracking number. */
  subject: string
  phone: string | null
  /** `active`, `completed`, `converted`, `stopped` or `failed`. */
  status: string
  /** Why the run ended other than by completing (`ORDER_PLACED`, `OPTED_OUT`, …). */
  reason: string | null
  /** Counts restarts; steps of an earlier generation never run. */
  generation: number
  /** When the current generation's step delays count from. */
  timers_from: number
  /** The store's own update time of the event last applied; older ones are ignored. */
  source_updated_at: number
  /** Fingerprint of the cart's items and total; a change restarts the run. */
  cart_hash: string | null
  /** JSON of what the templates see: customer, items, total, links. */
  context: string
  /** JSON of the flow's steps as they were when the run (re)started. */
  steps: string
  /** The order that ended the run, when one did. */
  order_id: string | null
  started_at: number
  updated_at: number
  ended_at: number | null
}

/** One step of a run: waiting until `due_at`, then sent, suppressed, cancelled or failed. */
export interface FlowStepTable {
  id: string
  store_id: string
  run_id: string
  generation: number
  /** 1-based place among the run's steps. */
  position: number
  /** `pending`, `sent`, `suppressed`, `cancelled` or `failed`. */
  status: string
  /** When a pending step is due, or until when a scheduler holds it. */
  due_at: number | null
  /** Failed attempts to create the step's discount code. */
  attempts: number
  message_id: string | null
  /** Chosen before the platform is asked, so a retry creates the same code, never another. */
  discount_code: string | null
  /** When the platform confirmed the code exists. */
  discount_created_at: number | null
  error: string | null
  created_at: number
  updated_at: number
  done_at: number | null
}

/** A short link: `{store's public base URL}/r/{code}` redirects to `target_url`. */
export interface LinkTable {
  /** Seven base62 characters, random. */
  code: string
  store_id: string
  target_url: string
  /** The message the link was made for, to credit the message with its clicks. */
  message_id: string | null
  flow_run_id: string | null
  created_at: number
}

/** One visit of a short link. The visitor's IP address is kept only as a keyed hash. */
export interface LinkClickTable {
  id: string
  code: string
  store_id: string
  message_id: string | null
  clicked_at: number
  user_agent: string | null
  /** HMAC-SHA256 of the IP address: tells repeat visits apart without keeping the address. */
  ip_hash: string | null
  /** 1 when a link preview or crawler fetched the link, not a person; 0 otherwise. */
  is_bot: number
}

/** An order credited to the flow message that earned it; one row per order at most. */
export interface OrderAttributionTable {
  store_id: string
  order_id: string
  /** The flow of the message: `abandoned_checkout`, `order_confirmation`, `shipping_update`. */
  flow: string
  flow_run_id: string
  message_id: string
  /** `checkout`, `discount_code` or `click`: the rule that matched. */
  method: string
  /** The order's total. */
  revenue_micros: number
  currency: string
  /** What the discount took off the order, when the order says; null when unknown. */
  discount_micros: number | null
  /** The order's time on the platform. */
  placed_at: number
  attributed_at: number
}

/** How far back a click may earn an order, per store; no row means the default. */
export interface AttributionSettingsTable {
  store_id: string
  window_days: number
  updated_at: number
}

/**
 * One browser logged in to a store's dashboard. The cookie value is never stored, only its
 * SHA-256; unsafe requests must echo `csrf_token`.
 */
export interface DashboardSessionTable {
  /** SHA-256 of the session cookie's value, in hex. */
  id_hash: string
  store_id: string
  csrf_token: string
  /**
   * 1 when the login came over HTTPS (as the browser saw it) and the cookie was set `Secure`;
   * the cookie renewed as the session slides keeps the flag.
   */
  cookie_secure: number
  created_at: number
  /** The last request made with the session; it ends after a long enough pause. */
  last_seen_at: number
  /** The earlier of the idle limit after `last_seen_at` and the absolute limit after `created_at`. */
  expires_at: number
}
