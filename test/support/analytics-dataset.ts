import type { Db } from '../../src/storage/index.js'

/**
 * A hand-built month of one store's flows, every figure known in advance. Messages are
 * written as the flows write them (a run, its step, the message) and clicks as the redirect
 * records them; the orders are for the event API, so they pass through the ingest.
 *
 * | message | flow | phone | status | sent | price | extra |
 * | --- | --- | --- | --- | --- | --- | --- |
 * | m1 | abandoned checkout chk-1 | A | delivered | Nov 20 12:00 | 0.0158 | clicked Nov 20 12:10 |
 * | m1b | the same run, step 2 | A | delivered | 12:30 | 0.0158 | code NUDGE-AAAA |
 * | m2 | abandoned checkout chk-2 | B | delivered | 12:00 | 0.0316 | code NUDGE-BBBB |
 * | m3 | shipping update | C | delivered | 12:00 | 0.0158 | clicked Nov 21, twice |
 * | m4 | abandoned checkout chk-4 | D | delivered | 12:00 | 0.0158 | clicked 13:00 |
 * | m5 | abandoned checkout chk-5 | E | delivered | 12:00 | 0.0158 | clicked by a bot 13:00 |
 * | m6 | abandoned checkout chk-6 | F | failed | never | 0.0158 | |
 * | m7 | abandoned checkout chk-7 | G | suppressed OPTED_OUT | never | 0.0158 | |
 * | m8 | abandoned checkout chk-8 | H | suppressed FREQUENCY_CAP | never | 0.0158 | |
 * | m9 | order confirmation | A | undelivered | 12:00 | 0.0158 | |
 * | m10 | abandoned checkout chk-10 | I | delivered | Dec 10 12:00 | 0.0158 | |
 */
export const T0 = Date.parse('2026-11-20T12:00:00Z')
export const HOUR = 3_600_000
export const DAY = 24 * HOUR

export const PHONES = {
  A: '+12025550101',
  B: '+12025550102',
  C: '+12025550103',
  D: '+12025550104',
  E: '+12025550105',
  F: '+12025550106',
  G: '+12025550107',
  H: '+12025550108',
  I: '+12025550109',
} as const

export interface FlowMessage {
  readonly key: string
  readonly flow: 'abandoned_checkout' | 'order_confirmation' | 'shipping_update'
  readonly subject: string
  readonly phone: string
  readonly status: string
  readonly reason?: string
  readonly sentAtMs: number | null
  readonly createdAtMs: number
  readonly priceMicros: number
  readonly position?: number
  readonly discountCode?: string
}

const MESSAGES: readonly FlowMessage[] = [
  {
    key: 'm1',
    flow: 'abandoned_checkout',
    subject: 'chk-1',
    phone: PHONES.A,
    status: 'delivered',
    sentAtMs: T0,
    createdAtMs: T0,
    priceMicros: 15_800,
  },
  {
    key: 'm1b',
    flow: 'abandoned_checkout',
    subject: 'chk-1',
    phone: PHONES.A,
    status: 'delivered',
    sentAtMs: T0 + HOUR / 2,
    createdAtMs: T0 + HOUR / 2,
    priceMicros: 15_800,
    position: 2,
    discountCode: 'NUDGE-AAAA',
  },
  {
    key: 'm2',
    flow: 'abandoned_checkout',
    subject: 'chk-2',
    phone: PHONES.B,
    status: 'delivered',
    sentAtMs: T0,
    createdAtMs: T0,
    priceMicros: 31_600,
    discountCode: 'NUDGE-BBBB',
  },
  {
    key: 'm3',
    flow: 'shipping_update',
    subject: 'ship-3',
    phone: PHONES.C,
    status: 'delivered',
    sentAtMs: T0,
    createdAtMs: T0,
    priceMicros: 15_800,
  },
  {
    key: 'm4',
    flow: 'abandoned_checkout',
    subject: 'chk-4',
    phone: PHONES.D,
    status: 'delivered',
    sentAtMs: T0,
    createdAtMs: T0,
    priceMicros: 15_800,
  },
  {
    key: 'm5',
    flow: 'abandoned_checkout',
    subject: 'chk-5',
    phone: PHONES.E,
    status: 'delivered',
    sentAtMs: T0,
    createdAtMs: T0,
    priceMicros: 15_800,
  },
  {
    key: 'm6',
    flow: 'abandoned_checkout',
    subject: 'chk-6',
    phone: PHONES.F,
    status: 'failed',
    sentAtMs: null,
    createdAtMs: T0,
    priceMicros: 15_800,
  },
  {
    key: 'm7',
    flow: 'abandoned_checkout',
    subject: 'chk-7',
    phone: PHONES.G,
    status: 'suppressed',
    reason: 'OPTED_OUT',
    sentAtMs: null,
    createdAtMs: T0,
    priceMicros: 15_800,
  },
  {
    key: 'm8',
    flow: 'abandoned_checkout',
    subject: 'chk-8',
    phone: PHONES.H,
    status: 'suppressed',
    reason: 'FREQUENCY_CAP',
    sentAtMs: null,
    createdAtMs: T0,
    priceMicros: 15_800,
  },
  {
    key: 'm9',
    flow: 'order_confirmation',
    subject: 'order-9',
    phone: PHONES.A,
    status: 'undelivered',
    sentAtMs: T0,
    createdAtMs: T0,
    priceMicros: 15_800,
  },
  {
    key: 'm10',
    flow: 'abandoned_checkout',
    subject: 'chk-10',
    phone: PHONES.I,
    status: 'delivered',
    sentAtMs: T0 + 20 * DAY,
    createdAtMs: T0 + 20 * DAY,
    priceMicros: 15_800,
  },
]

export interface FlowClick {
  readonly message: string
  readonly atMs: number
  readonly isBot: boolean
  readonly visitor: string
}

const CLICKS: readonly FlowClick[] = [
  { message: 'm1', atMs: T0 + HOUR / 6, isBot: false, visitor: 'a' },
  { message: 'm3', atMs: T0 + DAY, isBot: false, visitor: 'c1' },
  { message: 'm3', atMs: T0 + DAY + HOUR, isBot: false, visitor: 'c2' },
  { message: 'm4', atMs: T0 + HOUR, isBot: false, visitor: 'd' },
  { message: 'm5', atMs: T0 + HOUR, isBot: true, visitor: 'e' },
]

/** The orders of the month, as `POST /v1/events` bodies. */
export const ORDERS = {
  /** Its checkout's run, its code and a click all match: credited once, by checkout, to m1b. */
  byCheckout: order('o1', {
    checkout_id: 'chk-1',
    phone: PHONES.A,
    discount_codes: ['NUDGE-AAAA'],
    discount_total: '4.80',
    total: '48.00',
    placed_at: at(T0 + HOUR),
  }),
  /** Another cart, typed in small letters: by discount code, to m2. */
  byDiscountCode: order('o2', {
    checkout_id: 'cart-elsewhere',
    discount_codes: ['nudge-bbbb'],
    discount_total: '3.00',
    total: '30.00',
    placed_at: at(T0 + 2 * DAY),
  }),
  /** Two days after the click on m3, within the default five, paid in euros. */
  byClick: order('o3', {
    phone: PHONES.C,
    discount_total: '0.00',
    total: '20.00',
    currency: 'EUR',
    placed_at: at(T0 + 3 * DAY),
  }),
  /** Six days after the click on m4: outside the default window. */
  afterWindow: order('o4', { phone: PHONES.D, total: '70.00', placed_at: at(T0 + HOUR + 6 * DAY) }),
  /** Only a link preview fetched m5's link. */
  afterBotClick: order('o5', { phone: PHONES.E, total: '90.00', placed_at: at(T0 + 2 * HOUR) }),
  /** December: outside November's figures. */
  nextMonth: order('o10', {
    checkout_id: 'chk-10',
    phone: PHONES.I,
    total: '55.50',
    placed_at: at(T0 + 20 * DAY + HOUR),
  }),
} as const

function order(id: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { type: 'order.placed', order_id: id, currency: 'USD', items: [], ...fields }
}

function at(ms: number): string {
  return new Date(ms).toISOString()
}

/**
 * Writes the dataset's runs, steps, messages, links and clicks for a store (this month's, or
 * the ones given); ids by the key.
 */
export async function seedFlowMessages(
  db: Db,
  storeId: string,
  dataset: { messages: readonly FlowMessage[]; clicks: readonly FlowClick[] } = {
    messages: MESSAGES,
    clicks: CLICKS,
  },
): Promise<Map<string, string>> {
  const runIds = new Map<string, string>()
  const messageIds = new Map<string, string>()
  for (const m of dataset.messages) {
    const runId = runIds.get(m.subject) ?? `${storeId}-run-${m.subject}`
    if (!runIds.has(m.subject)) {
      runIds.set(m.subject, runId)
      await db
        .insertInto('flow_runs')
        .values(runRow(storeId, runId, m))
        .execute()
    }
    const messageId = `${storeId}-${m.key}`
    messageIds.set(m.key, messageId)
    await db
      .insertInto('messages')
      .values(messageRow(storeId, messageId, m))
      .execute()
    await db
      .insertInto('flow_steps')
      .values({
        id: `${storeId}-step-${m.key}`,
        store_id: storeId,
        run_id: runId,
        generation: 1,
        position: m.position ?? 1,
        status:
          m.status === 'suppressed' ? 'suppressed' : m.status === 'failed' ? 'failed' : 'sent',
        due_at: null,
        attempts: 0,
        message_id: messageId,
        discount_code: m.discountCode ?? null,
        discount_created_at: m.discountCode === undefined ? null : m.createdAtMs,
        error: null,
        created_at: m.createdAtMs,
        updated_at: m.createdAtMs,
        done_at: m.createdAtMs,
      })
      .execute()
  }

  for (const [i, click] of dataset.clicks.entries()) {
    const messageId = messageIds.get(click.message)!
    const code = `${storeId.slice(-3)}${i}`.padStart(7, 'x')
    await db
      .insertInto('links')
      .values({
        code,
        store_id: storeId,
        target_url: 'https://northwind.example/cart',
        message_id: messageId,
        flow_run_id: null,
        created_at: T0,
      })
      .execute()
    await db
      .insertInto('link_clicks')
      .values({
        id: `${storeId}-click-${i}`,
        code,
        store_id: storeId,
        message_id: messageId,
        clicked_at: click.atMs,
        user_agent: click.isBot ? 'facebookexternalhit/1.1' : 'Mozilla/5.0 (iPhone)',
        ip_hash: click.visitor,
        is_bot: click.isBot ? 1 : 0,
      })
      .execute()
  }
  return messageIds
}

function runRow(storeId: string, runId: string, m: FlowMessage) {
  return {
    id: runId,
    store_id: storeId,
    flow: m.flow,
    subject: m.subject,
    phone: m.phone,
    status: 'completed',
    reason: null,
    generation: 1,
    timers_from: m.createdAtMs,
    source_updated_at: m.createdAtMs,
    cart_hash: null,
    context: '{}',
    steps: '[]',
    order_id: null,
    started_at: m.createdAtMs,
    updated_at: m.createdAtMs,
    ended_at: m.createdAtMs,
  }
}

function messageRow(storeId: string, id: string, m: FlowMessage) {
  return {
    id,
    store_id: storeId,
    direction: 'outbound' as const,
    recipient: m.phone,
    sender: '+12025550100',
    body: 'You left something in your cart',
    encoding: 'GSM-7' as const,
    segment_count: m.priceMicros / 15_800,
    price_micros: m.priceMicros,
    currency: 'USD',
    country: 'US',
    category: m.flow === 'abandoned_checkout' ? ('marketing' as const) : ('transactional' as const),
    status: m.status,
    reason: m.reason ?? null,
    error_code: null,
    error_message: null,
    send_at: null,
    status_callback: null,
    metadata: JSON.stringify({ flow: m.flow }),
    route_id: m.sentAtMs === null ? null : 'simulator',
    due_at: null,
    attempts: 0,
    concat_ref: 0,
    created_at: m.createdAtMs,
    updated_at: m.createdAtMs,
    sent_at: m.sentAtMs,
    done_at: m.sentAtMs,
  }
}
