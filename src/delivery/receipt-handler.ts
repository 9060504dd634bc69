import type { DeliveryReceipt } from '../carriers/index.js'
import { receiptIdCandidates } from '../carriers/index.js'
import {
  finalStatusOf,
  transitionMessage,
  type MessageRow,
  type SegmentOutcome,
} from '../messaging/index.js'
import type { Trx } from '../storage/index.js'
import type { StoreDirectory } from '../stores/index.js'

/** What a receipt's state means for its segment; intermediate states change nothing. */
const OUTCOME_OF: Readonly<Record<DeliveryReceipt['state'], SegmentOutcome | undefined>> = {
  delivered: 'delivered',
  undelivered: 'undelivered',
  deleted: 'undelivered',
  unknown: 'undelivered',
  expired: 'expired',
  rejected: 'rejected',
  accepted: undefined,
  enroute: undefined,
}

export type ReceiptResult =
  | { readonly kind: 'applied'; readonly messageId: string; readonly status: string | undefined }
  | { readonly kind: 'intermediate' }
  | { readonly kind: 'unmatched' }
  | { readonly kind: 'duplicate'; readonly messageId: string }

export interface ApplyReceiptOptions {
  readonly routeId: string
  readonly receipt: DeliveryReceipt
  readonly nowMs: number
  readonly stores: StoreDirectory
  readonly webhookLifetimeMs: number
}

/**
 * Applies one delivery receipt: finds the segment by the SMSC's message id (the receipt may
 * write it in hex where the submit response used decimal, or the reverse), records the
 * segment's outcome, and once every segment has one, gives the message its final status.
 * Segment receipts may arrive in any order; a repeated receipt changes nothing.
 */
export async function applyReceipt(trx: Trx, options: ApplyReceiptOptions): Promise<ReceiptResult> {
  const { receipt, nowMs } = options
  const outcome = OUTCOME_OF[receipt.state]
  if (outcome === undefined) return { kind: 'intermediate' }

  const found = await trx
    .selectFrom('message_segments as g')
    .innerJoin('messages as m', 'm.id', 'g.message_id')
    .selectAll('m')
    .select(['g.seq as segment_seq', 'g.status as segment_status'])
    .where('g.route_id', '=', options.routeId)
    .where('g.smsc_message_id', 'in', receiptIdCandidates(receipt.smscMessageId))
    .executeTakeFirst()
  if (found === undefined) return { kind: 'unmatched' }

  const { segment_seq: seq, segment_status: segmentStatus, ...messageRow } = found
  const message = messageRow as MessageRow
  if (segmentStatus !== 'accepted') return { kind: 'duplicate', messageId: message.id }

  await trx
    .updateTable('message_segments')
    .set({ status: outcome, error_code: receipt.errorCode ?? null, done_at: nowMs })
    .where('message_id', '=', message.id)
    .where('seq', '=', seq)
    .execute()

  // A one-segment message ends with its only receipt; a longer one when all parts have one.
  const outcomes: (SegmentOutcome | undefined)[] = [outcome]
  if (message.segment_count > 1) {
    const segments = await trx
      .selectFrom('message_segments')
      .select(['seq', 'status'])
      .where('message_id', '=', message.id)
      .execute()
    outcomes.length = 0
    for (let n = 1; n <= message.segment_count; n++) {
      const status = segments.find((s) => s.seq === n)?.status
      outcomes.push(status === undefined ? undefined : OUTCOME_BY_STATUS[status])
    }
  }
  const final = finalStatusOf(outcomes)
  if (final === undefined) return { kind: 'applied', messageId: message.id, status: undefined }

  const failed = final !== 'delivered'
  await transitionMessage(trx, {
    message,
    to: final,
    nowMs,
    changes: {
      done_at: nowMs,
      error_code: failed ? `DLR_${receipt.state.toUpperCase()}` : null,
      error_message: failed ? `delivery receipt err:${receipt.errorCode ?? 'none'}` : null,
    },
    webhookUrl: options.stores.webhookUrlOf(message.store_id, message.status_callback),
    webhookLifetimeMs: options.webhookLifetimeMs,
  })
  return { kind: 'applied', messageId: message.id, status: final }
}

const OUTCOME_BY_STATUS: Readonly<Record<string, SegmentOutcome | undefined>> = {
  delivered: 'delivered',
  undelivered: 'undelivered',
  expired: 'expired',
  rejected: 'rejected',
  failed: 'failed',
}
