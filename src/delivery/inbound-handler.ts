import type { InboundText } from '../carriers/index.js'
import { respondToKeyword, type KeywordDeps, type KeywordOutcome } from '../compliance/index.js'
import {
  analyzeText,
  countryOfNumber,
  recordMessageEvent,
  type MessageRow,
} from '../messaging/index.js'
import { newId } from '../runtime/index.js'
import type { Trx } from '../storage/index.js'
import { toStore, type Store, type StoreDirectory } from '../stores/index.js'

export interface StoreInboundOptions {
  readonly inbound: InboundText
  readonly routeId: string
  readonly nowMs: number
  readonly stores: StoreDirectory
  readonly webhookLifetimeMs: number
  /** What answering STOP, START, HELP and the like needs. */
  readonly keywords: KeywordDeps
}

export interface StoredInbound {
  readonly message: MessageRow
  /** Whether the text was a keyword, and what was done about it. */
  readonly keyword: KeywordOutcome
}

/**
 * Stores a reply and announces it to its store. The store is the one that last wrote to this
 * number from the address the reply went to; failing that, the store whose default sender is
 * that address. Returns the stored message, or undefined when no store claims the address.
 *
 * Keywords are answered before the message is announced and in the same transaction, so an
 * opt-out holds from the moment the store can learn of it, and the SMSC's acknowledgement
 * (sent once this commits) covers the consent change and its reply too.
 */
export async function storeInbound(
  trx: Trx,
  options: StoreInboundOptions,
): Promise<StoredInbound | undefined> {
  const { inbound, nowMs } = options
  const sender = toE164(inbound.sender)
  const recipient = /^\d{8,15}$/.test(inbound.recipient)
    ? `+${inbound.recipient}`
    : inbound.recipient

  const lastOutbound = await trx
    .selectFrom('messages')
    .select('store_id')
    .where('recipient', '=', sender)
    .where('direction', '=', 'outbound')
    .where('sender', 'in', [recipient, inbound.recipient])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  const storeId = lastOutbound?.store_id ?? options.stores.storesSendingAs(recipient)[0]?.id
  if (storeId === undefined) return undefined

  const text = analyzeText(inbound.text)
  const row: MessageRow = {
    id: newId('msg', nowMs),
    store_id: storeId,
    direction: 'inbound',
    recipient,
    sender,
    body: inbound.text,
    encoding: text.encoding,
    segment_count: text.segmentCount,
    price_micros: 0,
    currency: 'USD',
    country: countryOfNumber(sender) ?? null,
    category: 'transactional',
    status: 'received',
    reason: null,
    error_code: null,
    error_message: null,
    send_at: null,
    status_callback: null,
    metadata: JSON.stringify({ route: options.routeId }),
    route_id: options.routeId,
    due_at: null,
    attempts: 0,
    concat_ref: 0,
    created_at: nowMs,
    updated_at: nowMs,
    sent_at: null,
    done_at: nowMs,
  }
  await trx.insertInto('messages').values(row).execute()
  const store = await storeOf(trx, storeId, options.stores)
  const keyword = await respondToKeyword(trx, options.keywords, { store, inbound: row, nowMs })
  await recordMessageEvent(trx, {
    type: 'message.inbound',
    message: row,
    webhookUrl: options.stores.webhookUrlOf(storeId, null),
    nowMs,
    webhookLifetimeMs: options.webhookLifetimeMs,
  })
  return { message: row, keyword }
}

/** The store from the directory, or from the database when the directory has not seen it. */
async function storeOf(trx: Trx, storeId: string, stores: StoreDirectory): Promise<Store> {
  const known = stores.storeOf(storeId)
  if (known !== undefined) return known
  const row = await trx
    .selectFrom('stores')
    .selectAll()
    .where('id', '=', storeId)
    .executeTakeFirstOrThrow()
  return toStore(row)
}

/** SMSCs usually send international numbers without the `+`. */
function toE164(address: string): string {
  const digits = address.replace(/^\+/, '')
  return /^\d{8,15}$/.test(digits) ? `+${digits}` : address
}
