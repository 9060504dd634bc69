import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { openDatabase } from '../src/storage/index.js'
import { runNudge } from './support/child-process.js'
import { tempDir } from './support/temp-files.js'

/**
 * `nudge demo` plays the shipped Shopify checkout through a Nudge of its own: the reminder
 * reaches the SMSC simulator with the customer's first name, the product and a short link on
 * the store's base URL, the link is clicked, and the order ends the run.
 */
test('nudge demo tells a checkout, its reminder, the click and the order, and exits 0', async (t) => {
  const dir = tempDir('demo')
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'demo.db')

  const { code, stdout, stderr } = await runNudge(['demo', '--db', file])
  assert.equal(code, 0, `${stdout}\n${stderr}`)
  assert.match(stdout, /Shopify → checkouts\/create: Mara Quill/)
  assert.match(stdout, /The SMSC simulator receives a text from 12025550100 to \+12025550143/)
  assert.match(stdout, /Hi Mara, your Alpine Wool Beanie is still in your cart/)
  assert.match(stdout, /GET \/r\/[0-9A-Za-z]{7} → 302/)
  assert.match(stdout, /the run is converted \(ORDER_PLACED\), order 820982911946154508/)

  const { db, close } = openDatabase(file)
  t.after(() => close())
  const store = await db.selectFrom('stores').selectAll().executeTakeFirstOrThrow()
  assert.equal(store.platform, 'shopify')
  const messages = await db.selectFrom('messages').selectAll().orderBy('created_at').execute()
  assert.equal(messages.length, 2, 'the reminder and the order confirmation')
  const [reminder, confirmation] = messages
  assert.deepEqual([reminder!.recipient, reminder!.status], ['+12025550143', 'delivered'])
  const link = await db
    .selectFrom('links')
    .select(['code', 'target_url'])
    .where('message_id', '=', reminder!.id)
    .executeTakeFirstOrThrow()
  assert.equal(
    reminder!.body,
    `Hi Mara, your Alpine Wool Beanie is still in your cart at Northwind Outfitters. ` +
      `Complete your order: ${store.public_base_url}/r/${link.code} Reply STOP to opt out.`,
  )
  assert.match(store.public_base_url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/)
  assert.match(stdout, new RegExp(`“Hi Mara, .*\\n.*${store.public_base_url}/r/${link.code}`))
  assert.match(link.target_url, /^https:\/\/northwind-outfitters\.myshopify\.com\/.*\/recover/)
  const clicks = await db.selectFrom('link_clicks').selectAll().execute()
  assert.deepEqual(
    clicks.map((c) => [c.code, c.is_bot]),
    [[link.code, 0]],
  )

  const order = await db.selectFrom('orders').selectAll().executeTakeFirstOrThrow()
  assert.deepEqual(
    [order.order_id, order.order_name, order.checkout_id, order.total_micros],
    ['820982911946154508', '#1042', 'b7c1e0a4d2f94c6e8a1b3c5d7e9f0a12', 62_210_000],
  )
  assert.match(confirmation!.body, /thank you for your order #1042! Total \$62\.21/)
  const run = await db.selectFrom('flow_runs').selectAll().executeTakeFirstOrThrow()
  assert.deepEqual([run.status, run.reason], ['converted', 'ORDER_PLACED'])
})

test('nudge demo refuses to write into a database that exists', async (t) => {
  const dir = tempDir('demo')
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const { code, stderr } = await runNudge(['demo', '--db', join(dir)])
  assert.equal(code, 2)
  assert.match(stderr, /--db for the demo names a new SQLite file/)
})
