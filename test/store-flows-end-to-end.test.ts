import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import type { SubmittedRecord } from '../src/carriers/index.js'
import { startNudge, type RunningNudge } from '../src/cli/start-nudge.js'
import { loadConfig } from '../src/config/index.js'
import { ScaledClock, silentLogger } from '../src/runtime/index.js'
import { openDatabase } from '../src/storage/index.js'
import { readFixture, sendShopifyWebhook } from './support/store-webhooks.js'
import { tempDir, writeJson } from './support/temp-files.js'
import { sleep } from './support/wait-for-final.js'

const SECRET = 'shpss_northwind_e2e_secret'
const MINUTE = 60_000
/** The checkout fixture's `updated_at`: 20:16 in Washington, inside the sending window. */
const CHECKED_OUT_MS = Date.parse('2026-11-27T20:16:41-05:00')

/** A fixture with its checkout token, phone number and times replaced, bytes otherwise kept. */
function fixture(name: string, replace: readonly [string | RegExp, string][] = []): string {
  let text = readFixture('shopify', name).toString('utf8')
  for (const [from, to] of replace) text = text.replaceAll(from, to)
  return text
}

/**
 * The store story over real HTTP and SMPP: signed Shopify webhooks into a running Nudge, the
 * flow's reminder at the built-in SMSC simulator at the right time, with a fast clock standing
 * in for the half hour. Mara's order arrives before her reminder is due and cancels it;
 * Jonah's cart gets its reminder at 30 minutes, not before; a checkout without SMS consent
 * sends nothing and is counted as suppressed; a repeated or badly signed webhook changes
 * nothing.
 */
describe('store webhooks to texts at the SMSC', () => {
  const dir = tempDir('store-flows')
  const dbFile = join(dir, 'nudge.db')
  const clock = new ScaledClock(CHECKED_OUT_MS + 3000)
  let nudge: RunningNudge
  let control = ''
  let storeId = ''
  let headers: Record<string, string> = {}

  before(async () => {
    const configFile = writeJson(dir, 'nudge.json', {
      simulator: { receiptDelayMs: 30, segmentsPerSecond: 1000, window: 20 },
    })
    const config = loadConfig({ config: configFile, db: dbFile, port: '0' }, {})
    nudge = await startNudge({ config, logger: silentLogger(), clock })
    control = `http://127.0.0.1:${nudge.simulator!.controlPort}`
    const { store, apiKey } = await nudge.registry.create('Northwind Outfitters')
    storeId = store.id
    headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
    await api('PATCH', '/v1/store', {
      platform: 'shopify',
      platform_secret: SECRET,
      public_base_url: nudge.apiUrl,
      default_sender: '+12025550100',
      default_country: 'US',
    })
    await api('PATCH', '/v1/flows/abandoned_checkout', { enabled: true })
  })

  after(() => nudge.close())

  async function api(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${nudge.apiUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    assert.ok(res.status < 300, `${method} ${path} answered ${res.status}`)
    return res.json()
  }

  async function textsTo(suffix: string): Promise<SubmittedRecord[]> {
    const all = (await (await fetch(`${control}/submitted?limit=1000`)).json()) as SubmittedRecord[]
    return all.filter((r) => r.recipient.endsWith(suffix))
  }

  async function runs(): Promise<{ status: string }[]> {
    const page = (await api('GET', '/v1/flows/abandoned_checkout/runs?limit=50')) as {
      data: { status: string }[]
    }
    return page.data
  }

  async function deliveriesStored(): Promise<number> {
    const opened = openDatabase(dbFile)
    try {
      const row = await opened.db
        .selectFrom('store_event_deliveries')
        .select(opened.db.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(row.n)
    } finally {
      await opened.close()
    }
  }

  /** Lets the clock run fast to `minutes` after the checkouts, then gives the parts a moment. */
  async function minutesAfterCheckout(minutes: number): Promise<void> {
    clock.fastForward(CHECKED_OUT_MS + minutes * MINUTE, 600)
    while (clock.now() < CHECKED_OUT_MS + minutes * MINUTE) await sleep(20)
    await sleep(1500)
  }

  it('sends the reminder at 30 minutes, and nothing an order, a repeat or no consent rules out', async () => {
    const send = (topic: string, body: string, extra: object = {}) =>
      sendShopifyWebhook(nudge.apiUrl, { storeId, secret: SECRET, topic, body, ...extra })

    // Mara (202-555-0143) and Jonah (202-555-0188) leave carts; Ines gives no SMS consent.
    const mara = fixture('checkouts-create.json')
    const jonah = fixture('checkouts-create.json', [
      ['b7c1e0a4d2f94c6e8a1b3c5d7e9f0a12', 'c2d8f1b5e3a04d7f9b2c4d6e8f0a1b23'],
      ['555-0143', '555-0188'],
      ['5550143', '5550188'],
      ['Mara', 'Jonah'],
    ])
    const ines = fixture('checkouts-create-without-consent.json', [
      [/"(created_at|updated_at)": "[^"]*"/g, '"$1": "2026-11-27T20:16:41-05:00"'],
    ])
    assert.equal((await send('checkouts/create', mara)).statusCode, 200)
    const jonahFirst = await send('checkouts/create', jonah, { webhookId: 'wh-jonah-1' })
    assert.equal(jonahFirst.statusCode, 200)
    assert.equal((await send('checkouts/create', ines)).statusCode, 200)
    const runsAfterCheckouts = (await runs()).length
    const stored = await deliveriesStored()

    // Shopify retries Jonah's delivery with the same webhook id: nothing new.
    const repeat = await send('checkouts/create', jonah, { webhookId: 'wh-jonah-1' })
    assert.equal(repeat.statusCode, 200)
    assert.equal(repeat.json().outcome, 'duplicate')
    // A forged delivery is refused and stores nothing.
    const forged = await send('checkouts/create', jonah, { signature: 'bm90IHRoZSBzaWduYXR1cmU=' })
    assert.equal(forged.statusCode, 401)
    assert.equal((await runs()).length, runsAfterCheckouts)
    assert.equal(await deliveriesStored(), stored)

    // Mara orders ten minutes later: her confirmation goes, her reminder never will.
    await minutesAfterCheckout(10)
    const order = fixture('orders-create.json', [
      [/"(created_at|processed_at|updated_at)": "[^"]*"/g, '"$1": "2026-11-27T20:26:41-05:00"'],
    ])
    assert.equal((await send('orders/create', order)).statusCode, 200)

    await minutesAfterCheckout(29)
    assert.deepEqual(await textsTo('5550188'), [], 'no reminder before 30 minutes')

    await minutesAfterCheckout(31)
    const deadline = Date.now() + 10_000
    while ((await textsTo('5550188')).length === 0 && Date.now() < deadline) await sleep(100)
    const [reminder, ...more] = await textsTo('5550188')
    assert.equal(more.length, 0)
    assert.match(reminder!.text, /^Hi Jonah, /)
    assert.ok(
      reminder!.text.includes(`${nudge.apiUrl}/r/`),
      `a short link on the store's base URL: ${reminder!.text}`,
    )

    const toMara = await textsTo('5550143')
    assert.equal(toMara.length, 1, 'only the order confirmation reached Mara')
    assert.match(toMara[0]!.text, /#1042/)
    assert.deepEqual(await textsTo('5550175'), [], 'nothing to a checkout without consent')

    const summary = (await api(
      'GET',
      '/v1/analytics/summary?from=2026-11-27&to=2026-11-29&flow=abandoned_checkout',
    )) as { messages: { suppressed: { total: number; by_reason: Record<string, number> } } }
    assert.equal(summary.messages.suppressed.by_reason['NO_CONSENT'], 1)
  })
})
