import { createHash, randomInt } from 'node:crypto'
import { newId, ValidationError, type Clock } from '../runtime/index.js'
import { isUniqueViolation, type GroupCommit, type Trx } from '../storage/index.js'
import type { Store } from '../stores/index.js'
import { IdempotencyConflictError } from './errors.js'
import type { MessageRow } from './message.js'
import { checkMessageRequest, type SendMessageRequest } from './message-request.js'
import { findMessage, insertMessage } from './message-store.js'
import type { PriceTable } from './price-table.js'

export interface AcceptDeps {
  readonly groupCommit: GroupCommit
  readonly clock: Clock
  readonly prices: PriceTable
  readonly maxSegments: number
  /** Called after a batch of new messages is committed, so the queue can look at once. */
  readonly onQueued?: () => void
}

export type AcceptResult =
  | { readonly kind: 'created'; readonly message: MessageRow }
  | { readonly kind: 'replayed'; readonly message: MessageRow }

/** An idempotency key is remembered this long; after that it may be used again. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000

/**
 * Validates, prices and stores one outbound message. The returned promise settles only after
 * the row is committed to disk, which is what a 202 promises. With an idempotency key, a retry
 * of the same request within 24 hours returns the first message instead of a new one, and the
 * same key with a different request is refused.
 */
export async function acceptMessage(
  deps: AcceptDeps,
  store: Store,
  request: SendMessageRequest,
  idempotencyKey?: string,
): Promise<AcceptResult> {
  const nowMs = deps.clock.now()
  const checked = checkMessageRequest(request, store, { maxSegments: deps.maxSegments, nowMs })
  if (!checked.ok) throw new ValidationError(checked.problems)

  const { draft } = checked
  const price = deps.prices.priceFor(draft.country, draft.text.segmentCount)
  const row: MessageRow = {
    id: newId('msg', nowMs),
    store_id: store.id,
    direction: 'outbound',
    recipient: draft.recipient,
    sender: draft.sender,
    body: draft.body,
    encoding: draft.text.encoding,
    segment_count: draft.text.segmentCount,
    price_micros: price.amountMicros,
    currency: price.currency,
    country: draft.country,
    category: draft.category,
    status: draft.sendAtMs === undefined ? 'queued' : 'scheduled',
    error_code: null,
    error_message: null,
    send_at: draft.sendAtMs ?? null,
    status_callback: draft.statusCallback ?? null,
    metadata: draft.metadata === undefined ? null : JSON.stringify(draft.metadata),
    route_id: null,
    due_at: draft.sendAtMs ?? nowMs,
    attempts: 0,
    concat_ref: randomInt(256),
    created_at: nowMs,
    updated_at: nowMs,
    sent_at: null,
    done_at: null,
  }

  const requestHash = idempotencyKey === undefined ? '' : hashRequest(request)
  const commit = (): Promise<AcceptResult> =>
    deps.groupCommit.run((trx) =>
      idempotencyKey === undefined
        ? insertMessage(trx, row).then((): AcceptResult => ({ kind: 'created', message: row }))
        : insertOnce(trx, { row, key: idempotencyKey, requestHash, nowMs }),
    )
  let result: AcceptResult
  try {
    result = await commit()
  } catch (err) {
    // The same key sent twice at once, through two API processes: the second insert meets
    // the first one's key. Looking again finds it, and answers as a retry would be answered.
    if (idempotencyKey === undefined || !isUniqueViolation(err)) throw err
    result = await commit()
  }
  if (result.kind === 'created') deps.onQueued?.()
  return result
}

async function insertOnce(
  trx: Trx,
  args: { row: MessageRow; key: string; requestHash: string; nowMs: number },
): Promise<AcceptResult> {
  const { row, key, requestHash, nowMs } = args
  const existing = await trx
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('store_id', '=', row.store_id)
    .where('key', '=', key)
    .executeTakeFirst()

  if (existing !== undefined && Number(existing.created_at) > nowMs - IDEMPOTENCY_WINDOW_MS) {
    if (existing.request_hash !== requestHash) {
      throw new IdempotencyConflictError(key, existing.message_id)
    }
    const first = await findMessage(trx, row.store_id, existing.message_id)
    if (first !== undefined) return { kind: 'replayed', message: first }
  }

  if (existing !== undefined) {
    await trx
      .deleteFrom('idempotency_keys')
      .where('store_id', '=', row.store_id)
      .where('key', '=', key)
      .execute()
  }
  await insertMessage(trx, row)
  await trx
    .insertInto('idempotency_keys')
    .values({
      store_id: row.store_id,
      key,
      request_hash: requestHash,
      message_id: row.id,
      created_at: nowMs,
    })
    .execute()
  return { kind: 'created', message: row }
}

/** Hash of the request with keys in a fixed order, so field order does not matter. */
function hashRequest(request: SendMessageRequest): string {
  const canonical = JSON.stringify(request, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  )
  return createHash('sha256').update(canonical).digest('hex')
}
