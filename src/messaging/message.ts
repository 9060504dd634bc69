import type { MessageTable } from '../storage/index.js'
import type { MessageStatus } from './message-status.js'
import { formatMicros } from './price-table.js'

/**
 * One message as stored. `recipient` is whoever receives it and `sender` whoever sent it, in
 * both directions: an inbound reply's sender is the customer's number.
 */
export type MessageRow = MessageTable & { status: MessageStatus }

/** The message as the API and webhooks show it. */
export interface MessageResource {
  readonly id: string
  readonly direction: 'outbound' | 'inbound'
  readonly status: MessageStatus
  /**
   * Why the compliance gate held (`QUIET_HOURS`, kept after the message goes) or suppressed
   * the message; else null.
   */
  readonly reason: string | null
  readonly to: string
  readonly from: string
  readonly body: string
  readonly category: 'transactional' | 'marketing'
  readonly encoding: 'GSM-7' | 'UCS-2'
  readonly segments: number
  readonly price: { readonly amount: string; readonly currency: string }
  readonly country: string | null
  readonly error: { readonly code: string; readonly message: string | null } | null
  readonly send_at: string | null
  readonly status_callback: string | null
  readonly metadata: Readonly<Record<string, string>> | null
  readonly created_at: string
  readonly updated_at: string
  readonly sent_at: string | null
  readonly done_at: string | null
}

export function toMessageResource(row: MessageRow): MessageResource {
  return {
    id: row.id,
    direction: row.direction,
    status: row.status,
    reason: row.reason,
    to: row.recipient,
    from: row.sender,
    body: row.body,
    category: row.category,
    encoding: row.encoding,
    segments: row.segment_count,
    price: { amount: formatMicros(Number(row.price_micros)), currency: row.currency },
    country: row.country,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message },
    send_at: isoOrNull(row.send_at),
    status_callback: row.status_callback,
    metadata: row.metadata === null ? null : (JSON.parse(row.metadata) as Record<string, string>),
    created_at: new Date(Number(row.created_at)).toISOString(),
    updated_at: new Date(Number(row.updated_at)).toISOString(),
    sent_at: isoOrNull(row.sent_at),
    done_at: isoOrNull(row.done_at),
  }
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(Number(ms)).toISOString()
}
