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
