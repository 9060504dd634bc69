import assert from 'node:assert/strict'
import { newId } from '../src/runtime/index.js'
import type { Db } from '../src/storage/index.js'
import { percentiles, startInProcessApi } from './in-process-api.js'

const MESSAGES = 100_000
const ROWS_PER_INSERT = 500
const RUNS = 30
const WARM_UP_RUNS = 3
const DAY_MS = 86_400_000
/** Midnight in New York, where the store is: the series' buckets start at its midnights. */
const START_MS = Date.parse('2026-11-01T04:00:00Z')
const PERIOD = 'from=2026-11-01T00:00:00-04:00&to=2026-12-01T00:00:00-05:00'
const FLOWS = ['abandoned_checkout', 'order_confirmation', 'shipping_update'] as const

export interface SeriesFigures {
  readonly messages: number
  /** Per request: its name, and the 50th and 99th percentile in ms. */
  readonly requests: readonly { name: string; p50Ms: number; p99Ms: number }[]
}

/**
 * The analytics series on a store whose flows sent 100,000 messages over 30 days (one
 * message in ten clicked, one in fifty earning an order), through the HTTP API in this
 * process: 30 day buckets in New York, every flow and one flow, next to the summary of the
 * same period and to 30 summaries asked one day at a time, the way a series could be counted
 * without grouping.
 */
export async function measureAnalyticsSeries(database: string): Promise<SeriesFigures> {
  const api = await startInProcessApi(database)
  try {
    const { store, apiKey } = await api.registry.create('Bench')
    await api.registry.update(store.id, { timeZone: 'America/New_York' })
    await fillFlowMessages(api.db, store.id)
    await api.analyze()
    const headers = { authorization: `Bearer ${apiKey}` }
    const get = async (url: string) => {
      const res = await api.app.inject({ url, headers })
      assert.equal(res.statusCode, 200, res.body)
      return res.json() as { points?: unknown[] }
    }
    const days = (await get(`/v1/analytics/series?${PERIOD}`)).points!.length
    assert.equal(days, 30)

    const requests: [string, () => Promise<unknown>][] = [
      ['series, 30 days, every flow', () => get(`/v1/analytics/series?${PERIOD}`)],
      [
        'series, 30 days, abandoned_checkout',
        () => get(`/v1/analytics/series?${PERIOD}&flow=abandoned_checkout`),
      ],
      ['summary of the same 30 days', () => get(`/v1/analytics/summary?${PERIOD}`)],
      ['30 one-day summaries, one by one', () => summaryPerDay(get)],
    ]
    const figures: SeriesFigures['requests'][number][] = []
    for (const [name, request] of requests) {
      const times: number[] = []
      for (let run = 0; run < WARM_UP_RUNS + RUNS; run++) {
        const startedMs = performance.now()
        await request()
        if (run >= WARM_UP_RUNS) times.push(performance.now() - startedMs)
      }
      figures.push({ name, ...percentiles(times) })
    }
    return { messages: MESSAGES, requests: figures }
  } finally {
    await api.close()
  }
}

async function summaryPerDay(get: (url: string) => Promise<unknown>): Promise<void> {
  for (let day = 0; day < 30; day++) {
    const from = new Date(START_MS + day * DAY_MS).toISOString()
    const to = new Date(START_MS + (day + 1) * DAY_MS).toISOString()
    await get(`/v1/analytics/summary?from=${from}&to=${to}`)
  }
}

/**
 * Runs of the three flows with one message each (a run's only step), spread evenly over the
 * 30 days; every tenth message clicked by a person, every fiftieth credited with an order.
 */
async function fillFlowMessages(db: Db, storeId: string): Promise<void> {
  for (let start = 0; start < MESSAGES; start += ROWS_PER_INSERT) {
    const batch = Array.from({ length: Math.min(ROWS_PER_INSERT, MESSAGES - start) }, (_, i) =>
      flowMessage(storeId, start + i),
    )
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('flow_runs')
        .values(batch.map((m) => m.run))
        .execute()
      await trx
        .insertInto('messages')
        .values(batch.map((m) => m.message))
        .execute()
      await trx
        .insertInto('flow_steps')
        .values(batch.map((m) => m.step))
        .execute()
      const clicked = batch.filter((m) => m.index % 10 === 0)
      if (clicked.length > 0) {
        await trx
          .insertInto('links')
          .values(clicked.map((m) => m.link))
          .execute()
        await trx
          .insertInto('link_clicks')
          .values(clicked.map((m) => m.click))
          .execute()
      }
      const credited = batch.filter((m) => m.index % 50 === 0)
      if (credited.length > 0) {
        await trx
          .insertInto('order_attributions')
          .values(credited.map((m) => m.attribution))
          .execute()
      }
    })
  }
}

function flowMessage(storeId: string, index: number) {
  const atMs = START_MS + Math.floor((index * 30 * DAY_MS) / MESSAGES)
  const flow = FLOWS[index % 3]!
  const phone = `+1212${String(2_000_000 + index).padStart(7, '0')}`
  const runId = newId('run', atMs)
  const messageId = newId('msg', atMs)
  const code = `b${index.toString(36).padStart(6, '0')}`
  const kind = index % 20
  const status = kind === 0 ? 'suppressed' : kind === 1 ? 'failed' : 'delivered'
  const isSent = status === 'delivered'
  return {
    index,
    run: {
      id: runId,
      store_id: storeId,
      flow,
      subject: `subject-${index}`,
      phone,
      status: 'completed',
      reason: null,
      generation: 1,
      timers_from: atMs,
      source_updated_at: atMs,
      cart_hash: null,
      context: '{}',
      steps: '[]',
      order_id: null,
      started_at: atMs,
      updated_at: atMs,
      ended_at: atMs,
    },
    message: {
      id: messageId,
      store_id: storeId,
      direction: 'outbound' as const,
      recipient: phone,
      sender: '+12025550100',
      body: 'Your cart is waiting',
      encoding: 'GSM-7' as const,
      segment_count: 1,
      price_micros: 7900,
      currency: 'USD',
      country: 'US',
      category: flow === 'abandoned_checkout' ? ('marketing' as const) : ('transactional' as const),
      status,
      reason: status === 'suppressed' ? 'FREQUENCY_CAP' : null,
      error_code: null,
      error_message: null,
      send_at: null,
      status_callback: null,
      metadata: null,
      route_id: isSent ? 'simulator' : null,
      due_at: null,
      attempts: 1,
      concat_ref: 0,
      created_at: atMs,
      updated_at: atMs,
      sent_at: isSent ? atMs : null,
      done_at: atMs,
    },
    step: {
      id: newId('step', atMs),
      store_id: storeId,
      run_id: runId,
      generation: 1,
      position: 1,
      status: isSent ? 'sent' : status === 'suppressed' ? 'suppressed' : 'failed',
      due_at: null,
      attempts: 0,
      message_id: messageId,
      discount_code: null,
      discount_created_at: null,
      error: null,
      created_at: atMs,
      updated_at: atMs,
      done_at: atMs,
    },
    link: {
      code,
      store_id: storeId,
      target_url: 'https://shop.example/cart',
      message_id: messageId,
      flow_run_id: runId,
      created_at: atMs,
    },
    click: {
      id: newId('clk', atMs),
      code,
      store_id: storeId,
      message_id: messageId,
      clicked_at: atMs + 60_000,
      user_agent: 'Mozilla/5.0 (iPhone)',
      ip_hash: `visitor-${index}`,
      is_bot: 0,
    },
    attribution: {
      store_id: storeId,
      order_id: `order-${index}`,
      flow,
      flow_run_id: runId,
      message_id: messageId,
      method: 'click',
      revenue_micros: 45_000_000,
      currency: 'USD',
      discount_micros: 0,
      placed_at: atMs + 3_600_000,
      attributed_at: atMs + 3_600_000,
    },
  }
}
