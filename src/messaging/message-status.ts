/**
 * Where a message is in its life. Outbound: scheduled → queued → sending → sent → a final
 * state; inbound messages are `received` from the start. `suppressed` is the final state of an
 * outbound message the compliance gate stopped (no consent, opted out, frequency cap); it
 * never reached a carrier.
 */
export type MessageStatus =
  | 'scheduled'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'partially_delivered'
  | 'undelivered'
  | 'failed'
  | 'expired'
  | 'rejected'
  | 'received'
  | 'suppressed'

export const MESSAGE_STATUSES: readonly MessageStatus[] = [
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'partially_delivered',
  'undelivered',
  'failed',
  'expired',
  'rejected',
  'received',
  'suppressed',
]

const STAGE: Readonly<Record<MessageStatus, number>> = {
  scheduled: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  partially_delivered: 4,
  undelivered: 4,
  failed: 4,
  expired: 4,
  rejected: 4,
  received: 4,
  suppressed: 4,
}

/**
 * A status only moves forward: a late `sent` after `delivered`, or a second receipt after a
 * final state, must not rewrite history. Final states never change.
 */
export function canAdvance(from: MessageStatus, to: MessageStatus): boolean {
  return STAGE[to] > STAGE[from]
}

/** Statuses from which `to` may be reached; used as a guard in the UPDATE itself. */
export function predecessorsOf(to: MessageStatus): MessageStatus[] {
  return MESSAGE_STATUSES.filter((from) => canAdvance(from, to))
}

/** A segment's own final state, as its delivery receipt reported it. */
export type SegmentOutcome = 'delivered' | 'undelivered' | 'expired' | 'rejected' | 'failed'

/**
 * The message's final status from its segments' outcomes: all delivered → delivered; some
 * delivered → partially_delivered; none delivered and all alike → that outcome; otherwise
 * undelivered. Undefined while any segment is still open.
 */
export function finalStatusOf(
  outcomes: readonly (SegmentOutcome | undefined)[],
): MessageStatus | undefined {
  if (outcomes.length === 0 || outcomes.some((o) => o === undefined)) return undefined

  const delivered = outcomes.filter((o) => o === 'delivered').length
  if (delivered === outcomes.length) return 'delivered'
  if (delivered > 0) return 'partially_delivered'

  const first = outcomes[0]
  return outcomes.every((o) => o === first) && first !== undefined ? first : 'undelivered'
}
