import type { Trx } from '../storage/index.js'
import type { Store } from '../stores/index.js'
import type { MessageRow } from './message.js'

/**
 * Why a message may not go at all: no opt-in for a promotion, an opt-out, the store's
 * frequency cap, or no instant within reach at which quiet hours would let a promotion go.
 */
export type SuppressionReason = 'NO_CONSENT' | 'OPTED_OUT' | 'FREQUENCY_CAP' | 'NO_SEND_WINDOW'

/** Every reason a message may carry: held for quiet hours, or suppressed. */
export type MessageReason = 'QUIET_HOURS' | SuppressionReason

export const MESSAGE_REASONS: readonly MessageReason[] = [
  'QUIET_HOURS',
  'NO_CONSENT',
  'OPTED_OUT',
  'FREQUENCY_CAP',
  'NO_SEND_WINDOW',
]

/** What the gate decided about one outbound message. */
export type GateVerdict =
  | { readonly decision: 'allowed' }
  | { readonly decision: 'held'; readonly reason: 'QUIET_HOURS'; readonly releaseAtMs: number }
  | { readonly decision: 'suppressed'; readonly reason: SuppressionReason }

export interface GateRequest {
  readonly store: Store
  /** The message as it would be stored if nothing stopped it. */
  readonly message: MessageRow
  readonly nowMs: number
}

/**
 * The compliance check every outbound message passes before it is stored. It runs inside the
 * transaction that stores the message, so the consent it reads is the consent the message is
 * stored under, and it records its own decision in that same transaction.
 */
export interface SendGate {
  check(trx: Trx, request: GateRequest): Promise<GateVerdict>
}
