import type { Db } from '../storage/index.js'
import type { MessageResource } from './message.js'

/** One announced change of a message, as its event recorded it. */
export interface TimelineEvent {
  readonly atMs: number
  /** `message.status` or `message.inbound`. */
  readonly type: string
  readonly status: string
  /** Why the gate held or suppressed the message, as shown at that moment. */
  readonly reason: string | null
  /** The carrier's or SMSC's error code, as shown at that moment. */
  readonly errorCode: string | null
  readonly detail: string | null
}

/** One segment of a message as the carrier took it and reported on it. */
export interface TimelineSegment {
  readonly seq: number
  readonly routeId: string
  readonly smscMessageId: string | null
  readonly status: string
  readonly submittedAtMs: number | null
  readonly doneAtMs: number | null
  readonly errorCode: string | null
}

export interface MessageTimeline {
  readonly events: readonly TimelineEvent[]
  readonly segments: readonly TimelineSegment[]
}

/**
 * What happened to a message: its announced changes in the order they were recorded, and
 * each segment's submission and receipt. Steps that are never announced (`queued`,
 * `scheduled`, `sending`) have no event; the message's own times show them.
 */
export async function loadMessageTimeline(
  db: Db,
  message: { readonly storeId: string; readonly messageId: string },
): Promise<MessageTimeline> {
  const { storeId, messageId } = message
  const events = await db
    .selectFrom('message_events')
    .select(['type', 'status', 'payload', 'created_at'])
    .where('message_id', '=', messageId)
    .where('store_id', '=', storeId)
    .orderBy('seq')
    .execute()
  const segments = await db
    .selectFrom('message_segments')
    .selectAll()
    .where('message_id', '=', messageId)
    .orderBy('seq')
    .execute()

  return {
    events: events.map((event) => {
      // The payload is the message as the webhook showed it when the change happened.
      const shown = (JSON.parse(event.payload) as { data: Partial<MessageResource> }).data
      return {
        atMs: Number(event.created_at),
        type: event.type,
        status: event.status,
        reason: shown.reason ?? null,
        errorCode: shown.error?.code ?? null,
        detail: shown.error?.message ?? null,
      }
    }),
    segments: segments.map((segment) => ({
      seq: Number(segment.seq),
      routeId: segment.route_id,
      smscMessageId: segment.smsc_message_id,
      status: segment.status,
      submittedAtMs: segment.submitted_at === null ? null : Number(segment.submitted_at),
      doneAtMs: segment.done_at === null ? null : Number(segment.done_at),
      errorCode: segment.error_code,
    })),
  }
}
