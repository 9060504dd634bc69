import { newId } from '../runtime/index.js'
import { orderEventLogAppend, type Trx } from '../storage/index.js'
import { enqueueWebhook } from '../webhooks/index.js'
import { toMessageResource, type MessageRow } from './message.js'

export type MessageEventType = 'message.status' | 'message.inbound'

export interface RecordEventOptions {
  readonly type: MessageEventType
  readonly message: MessageRow
  /** Where the webhook goes: the message's callback or the store's URL; none skips it. */
  readonly webhookUrl: string | null
  readonly nowMs: number
  /** How long webhook retries may go on, in ms. */
  readonly webhookLifetimeMs: number
}

/**
 * Appends a change to the store's event log (read back through `GET /v1/events`) and, in the
 * same transaction, queues its webhook. Both commit together or not at all, so a store never
 * gets a webhook for a change that was rolled back, and never misses one that was kept.
 */
export async function recordMessageEvent(trx: Trx, options: RecordEventOptions): Promise<void> {
  const { message, nowMs } = options
  const id = newId('evt', nowMs)
  const payload = JSON.stringify({
    id,
    type: options.type,
    created_at: new Date(nowMs).toISOString(),
    data: toMessageResource(message),
  })

  await orderEventLogAppend(trx)
  await trx
    .insertInto('message_events')
    .values({
      id,
      store_id: message.store_id,
      message_id: message.id,
      type: options.type,
      status: message.status,
      payload,
      created_at: nowMs,
    })
    .execute()

  if (options.webhookUrl === null) return
  await enqueueWebhook(trx, {
    storeId: message.store_id,
    eventId: id,
    url: options.webhookUrl,
    nowMs,
    expiresAtMs: nowMs + options.webhookLifetimeMs,
  })
}
