import type { Db, Trx } from '../storage/index.js'
import type { MessageRow } from './message.js'
import { predecessorsOf, type MessageStatus } from './message-status.js'
import type { MessageReason } from './send-gate.js'

export interface MessageFilter {
  readonly status?: MessageStatus
  readonly direction?: 'inbound' | 'outbound'
  /** Why the compliance gate held or suppressed the message (`QUIET_HOURS`, `OPTED_OUT`, …). */
  readonly reason?: MessageReason
  /** E.164 number on either side of the message. */
  readonly phone?: string
  /** Only messages created at or after this time (ms). */
  readonly sinceMs?: number
  readonly limit: number
  /** Id of the last message of the previous page. */
  readonly beforeId?: string
}

export async function insertMessage(trx: Trx, row: MessageRow): Promise<void> {
  await trx.insertInto('messages').values(row).execute()
}

export async function findMessage(
  db: Db | Trx,
  storeId: string,
  messageId: string,
): Promise<MessageRow | undefined> {
  const row = await db
    .selectFrom('messages')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', messageId)
    .executeTakeFirst()
  return row as MessageRow | undefined
}

/** Newest first; ids are time-ordered, so paging by id is stable while new rows arrive. */
export async function listMessages(
  db: Db,
  storeId: string,
  filter: MessageFilter,
): Promise<MessageRow[]> {
  let query = db.selectFrom('messages').selectAll().where('store_id', '=', storeId)
  if (filter.status !== undefined) query = query.where('status', '=', filter.status)
  if (filter.direction !== undefined) query = query.where('direction', '=', filter.direction)
  if (filter.reason !== undefined) query = query.where('reason', '=', filter.reason)
  if (filter.sinceMs !== undefined) query = query.where('created_at', '>=', filter.sinceMs)
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId)
  const newest = <T extends typeof query>(q: T) => q.orderBy('id', 'desc').limit(filter.limit)
  if (filter.phone === undefined) return (await newest(query).execute()) as MessageRow[]

  // A number may be on either side. Asked as one OR, the planners walk the whole store in id
  // order looking for it; each side alone follows its own index in id order and stops after
  // a page, and the two pages are merged.
  const phone = filter.phone
  const received = newest(query.where('recipient', '=', phone))
  const sent = newest(query.where('sender', '=', phone).where('recipient', '<>', phone))
  const rows = await db
    .selectFrom(
      db
        .selectFrom(received.as('received'))
        .selectAll()
        .unionAll(db.selectFrom(sent.as('sent')).selectAll())
        .as('either'),
    )
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute()
  return rows as MessageRow[]
}

export interface AdvanceOptions {
  readonly message: MessageRow
  readonly to: MessageStatus
  readonly nowMs: number
  /** Other columns to change with the status. */
  readonly changes?: Partial<Omit<MessageRow, 'id' | 'store_id' | 'status'>>
}

/**
 * Moves a message to a later status. The guard sits in the UPDATE itself, so two writers
 * racing (a receipt and a retry, say) can never move a status backwards. Returns the new row,
 * or undefined when the message had already moved past `to`.
 */
export async function advanceMessageStatus(
  trx: Trx,
  options: AdvanceOptions,
): Promise<MessageRow | undefined> {
  const changes = { ...options.changes, status: options.to, updated_at: options.nowMs }
  const result = await trx
    .updateTable('messages')
    .set(changes)
    .where('id', '=', options.message.id)
    .where('status', 'in', predecessorsOf(options.to))
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) return undefined
  return { ...options.message, ...changes }
}
