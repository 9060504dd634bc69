import type { Selectable } from 'kysely'
import { NotFoundError, ValidationError, type FieldProblem } from '../runtime/index.js'
import type { Db, WebhookDeliveryTable } from '../storage/index.js'
import { WebhookAlreadyDeliveredError } from './errors.js'

export type WebhookDeliveryState = 'pending' | 'delivered' | 'failed'

/** One event on its way to one URL, as shown to the store owning it. */
export interface WebhookDelivery {
  readonly id: string
  readonly storeId: string
  readonly eventId: string
  readonly url: string
  readonly state: WebhookDeliveryState
  /** Attempts made since the delivery was created or last retried by hand. */
  readonly attempts: number
  readonly nextAttemptAtMs: number
  /** When retrying stops and the delivery becomes a dead letter. */
  readonly expiresAtMs: number
  readonly lastStatusCode: number | null
  readonly lastError: string | null
  readonly createdAtMs: number
  readonly updatedAtMs: number
  readonly deliveredAtMs: number | null
}

export interface ListDeliveriesInput {
  readonly storeId: string
  /** Only deliveries in this state; `failed` lists the dead letters. */
  readonly state?: WebhookDeliveryState
  /** Page size, 1 to 100. */
  readonly limit: number
  /** `nextCursor` of the previous page. */
  readonly cursor?: string
}

export interface DeliveryPage {
  readonly deliveries: readonly WebhookDelivery[]
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null
}

const MAX_PAGE_SIZE = 100

/** The store's deliveries, newest first, a page at a time. */
export async function listDeliveries(db: Db, input: ListDeliveriesInput): Promise<DeliveryPage> {
  const afterId = checkPageInput(input)

  let query = db.selectFrom('webhook_deliveries').selectAll().where('store_id', '=', input.storeId)
  if (input.state !== undefined) query = query.where('state', '=', input.state)
  if (afterId !== undefined) query = query.where('id', '<', afterId)
  const rows = await query
    .orderBy('id', 'desc')
    .limit(input.limit + 1)
    .execute()

  const page = rows.slice(0, input.limit).map(toDelivery)
  const last = page[page.length - 1]
  const hasMore = rows.length > input.limit && last !== undefined
  return { deliveries: page, nextCursor: hasMore ? encodeCursor(last.id) : null }
}

export interface RetryDeliveryInput {
  readonly storeId: string
  readonly deliveryId: string
  readonly nowMs: number
  /** The fresh expiry, usually `schedule.expiresAt(nowMs)`. */
  readonly expiresAtMs: number
}

/**
 * Puts a failed (or still pending) delivery back in the queue, due now, with a fresh expiry.
 * The attempt count and backoff restart, so an endpoint that was just fixed is not made to
 * wait an hour after one more blip; the last status and error stay until the next attempt.
 */
export async function retryDelivery(db: Db, input: RetryDeliveryInput): Promise<WebhookDelivery> {
  const row = await db
    .updateTable('webhook_deliveries')
    .set({
      state: 'pending',
      attempts: 0,
      next_attempt_at: input.nowMs,
      expires_at: input.expiresAtMs,
      updated_at: input.nowMs,
    })
    .where('id', '=', input.deliveryId)
    .where('store_id', '=', input.storeId)
    .where('state', 'in', ['pending', 'failed'])
    .returningAll()
    .executeTakeFirst()
  if (row !== undefined) return toDelivery(row)

  const existing = await db
    .selectFrom('webhook_deliveries')
    .select('state')
    .where('id', '=', input.deliveryId)
    .where('store_id', '=', input.storeId)
    .executeTakeFirst()
  if (existing === undefined) throw new NotFoundError('webhook delivery', input.deliveryId)
  throw new WebhookAlreadyDeliveredError(input.deliveryId)
}

function toDelivery(row: Selectable<WebhookDeliveryTable>): WebhookDelivery {
  return {
    id: row.id,
    storeId: row.store_id,
    eventId: row.event_id,
    url: row.url,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAtMs: row.next_attempt_at,
    expiresAtMs: row.expires_at,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAtMs: row.created_at,
    updatedAtMs: row.updated_at,
    deliveredAtMs: row.delivered_at,
  }
}

const DELIVERY_ID = /^whd_[0-9A-HJKMNP-TV-Z]{26}$/

/** The cursor is the last id of a page; base64url keeps callers from building one by hand. */
function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url')
}

/** Checks limit and cursor together, so the caller hears of both at once; returns the id. */
function checkPageInput(input: ListDeliveriesInput): string | undefined {
  const problems: FieldProblem[] = []
  if (!Number.isSafeInteger(input.limit) || input.limit < 1 || input.limit > MAX_PAGE_SIZE) {
    problems.push({
      field: '/limit',
      code: 'OUT_OF_RANGE',
      message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`,
    })
  }

  let afterId: string | undefined
  if (input.cursor !== undefined) {
    afterId = Buffer.from(input.cursor, 'base64url').toString()
    if (!DELIVERY_ID.test(afterId)) {
      problems.push({
        field: '/cursor',
        code: 'CURSOR_INVALID',
        message: 'is not a cursor we issued',
      })
    }
  }

  if (problems.length > 0) throw new ValidationError(problems)
  return afterId
}
