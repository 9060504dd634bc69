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
}

export interface StoreTable {
  id: string
  name: string
  webhook_url: string | null
  webhook_secret: string
  default_country: string | null
  default_sender: string | null
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
