import assert from 'node:assert/strict'
import { encodeCursor } from '../src/api/cursor.js'
import type { MessageRow } from '../src/messaging/index.js'
import { newId } from '../src/runtime/index.js'
import type { Db } from '../src/storage/index.js'
import { percentiles, startInProcessApi } from './in-process-api.js'

const MESSAGES = 100_000
/** Another store's messages share the table, as they do in a real installation. */
const OTHER_STORE_MESSAGES = 20_000
const NUMBERS = 20_000
const ROWS_PER_INSERT = 500
const RUNS = 200
const WARM_UP_RUNS = 20
const DAY_MS = 86_400_000
const START_MS = Date.parse('2026-11-01T00:00:00Z')
const STORE_NUMBER = '+12025550100'
const SUPPRESSION_REASONS = ['NO_CONSENT', 'OPTED_OUT', 'FREQUENCY_CAP'] as const

export interface MessageLogFigures {
  readonly messages: number
  /** Per request: its name, and the 50th and 99th percentile in ms. */
  readonly requests: readonly { name: string; p50Ms: number; p99Ms: number }[]
}

/**
 * The dashboard's message log on a store with 100,000 messages over 30 days (a tenth of them
 * replies), through the HTTP API in this process: the first page, a page 90,000 messages
 * down by cursor, a status filter, a number search, and the direction and reason filters.
 * Each request runs 200 times after a warm-up; pages hold 50 messages.
 */
export async function measureMessageLog(database: string): Promise<MessageLogFigures> {
  const api = await startInProcessApi(database)
  try {
    const { store, apiKey } = await api.registry.create('Bench')
    const other = await api.registry.create('Other')
    const ids = await fillMessages(api.db, store.id, MESSAGES)
    await fillMessages(api.db, other.store.id, OTHER_STORE_MESSAGES)
    await api.analyze()
    const headers = { authorization: `Bearer ${apiKey}` }
    // Pages run newest first: 90,000 messages down starts after the 10,000th oldest.
    const cursor = encodeCursor(ids[MESSAGES - 90_000]!)

    const queries: [string, (run: number) => string][] = [
      ['first page', () => '/v1/messages?limit=50'],
      ['page 90,000 messages down', () => `/v1/messages?limit=50&cursor=${cursor}`],
      ['status=failed', () => '/v1/messages?limit=50&status=failed'],
      ['to=<number> (about 5 messages)', (run) => `/v1/messages?limit=50&to=${phoneOf(run)}`],
      ['to=<the store’s own number>', () => `/v1/messages?limit=50&to=${STORE_NUMBER}`],
      ['direction=inbound', () => '/v1/messages?limit=50&direction=inbound'],
      ['reason=OPTED_OUT', () => '/v1/messages?limit=50&reason=OPTED_OUT'],
    ]
    const figures: MessageLogFigures['requests'][number][] = []
    for (const [name, url] of queries) {
      const times: number[] = []
      for (let run = 0; run < WARM_UP_RUNS + RUNS; run++) {
        const startedMs = performance.now()
        const res = await api.app.inject({ url: url(run).replace('+', '%2B'), headers })
        const elapsedMs = performance.now() - startedMs
        assert.equal(res.statusCode, 200, res.body)
        if (run >= WARM_UP_RUNS) times.push(elapsedMs)
      }
      figures.push({ name, ...percentiles(times) })
    }
    return { messages: MESSAGES, requests: figures }
  } finally {
    await api.close()
  }
}

/** Writes `count` messages spread evenly over 30 days; returns their ids, oldest first. */
export async function fillMessages(db: Db, storeId: string, count: number): Promise<string[]> {
  const ids: string[] = []
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const rows: MessageRow[] = []
    for (let i = start; i < Math.min(count, start + ROWS_PER_INSERT); i++) {
      const row = messageRow(storeId, i, START_MS + Math.floor((i * 30 * DAY_MS) / count))
      rows.push(row)
      ids.push(row.id)
    }
    await db.insertInto('messages').values(rows).execute()
  }
  return ids
}

function phoneOf(i: number): string {
  return `+1212${String(2_000_000 + ((i * 7919) % NUMBERS) * 37).padStart(7, '0')}`
}

/**
 * One message in ten is a reply; of the rest, 3 % failed, 3 % suppressed, 1 % held for quiet
 * hours, 1 % still queued, the others delivered.
 */
function messageRow(storeId: string, i: number, createdAtMs: number): MessageRow {
  const phone = phoneOf(i)
  const isReply = i % 10 === 0
  const kind = i % 100
  const status = isReply
    ? 'received'
    : kind < 3
      ? 'failed'
      : kind < 6
        ? 'suppressed'
        : kind < 7
          ? 'scheduled'
          : kind < 8
            ? 'queued'
            : 'delivered'
  const reason =
    status === 'suppressed'
      ? SUPPRESSION_REASONS[kind % 3]!
      : status === 'scheduled'
        ? 'QUIET_HOURS'
        : null
  return {
    id: newId('msg', createdAtMs),
    store_id: storeId,
    direction: isReply ? 'inbound' : 'outbound',
    recipient: isReply ? STORE_NUMBER : phone,
    sender: isReply ? phone : STORE_NUMBER,
    body: isReply ? 'Thanks!' : 'Your order #1042 has shipped: https://go.shop.example/r/Ab3dE9x',
    encoding: 'GSM-7',
    segment_count: 1,
    price_micros: isReply ? 0 : 7900,
    currency: 'USD',
    country: 'US',
    category: 'transactional',
    status,
    reason,
    error_code: status === 'failed' ? 'ESME_RINVDSTADR' : null,
    error_message: null,
    send_at: null,
    status_callback: null,
    metadata: null,
    route_id: status === 'delivered' || status === 'failed' ? 'simulator' : null,
    due_at: status === 'queued' || status === 'scheduled' ? createdAtMs : null,
    attempts: 0,
    concat_ref: 0,
    created_at: createdAtMs,
    updated_at: createdAtMs,
    sent_at: status === 'delivered' ? createdAtMs : null,
    done_at: status === 'delivered' ? createdAtMs : null,
  }
}
