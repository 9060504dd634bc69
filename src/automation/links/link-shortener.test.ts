import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '../../storage/index.js'
import { StoreRegistry } from '../../stores/index.js'
import { ManualClock } from '../../runtime/index.js'
import { DATABASE_KINDS, openTestDatabase } from '../../../test/support/test-database.js'
import { createLinkShortener } from './link-shortener.js'

const BASE = 'https://go.northwind.example'
const NOW_MS = Date.parse('2026-11-27T15:30:00Z')

for (const kind of DATABASE_KINDS) {
  describe(`link shortener on ${kind}`, () => {
    let db: Db
    let close: () => Promise<void>
    let storeId: string
    const shortener = createLinkShortener()

    before(async () => {
      ;({ db, close } = await openTestDatabase(kind))
      const registry = new StoreRegistry({ db, clock: new ManualClock(NOW_MS) })
      storeId = (await registry.create('Northwind')).store.id
    })
    after(() => close())

    const shorten = (text: string, baseUrl = BASE) =>
      db.transaction().execute((trx) =>
        shortener.shorten(trx, {
          storeId,
          text,
          baseUrl,
          messageId: 'msg_1',
          flowRunId: 'run_1',
          nowMs: NOW_MS,
        }),
      )

    it('replaces every URL with a short link and keeps the punctuation around it', async () => {
      const result = await shorten(
        'Your cart: https://shop.example/cart?id=1. Track (https://t.example/a), ' +
          'again https://shop.example/cart?id=1!',
      )

      assert.equal(result.codes.length, 2)
      const [cart, track] = result.codes
      for (const code of result.codes) assert.match(code, /^[0-9A-Za-z]{7}$/)
      assert.equal(
        result.text,
        `Your cart: ${BASE}/r/${cart}. Track (${BASE}/r/${track}), again ${BASE}/r/${cart}!`,
      )
      const rows = await db
        .selectFrom('links')
        .selectAll()
        .where('code', 'in', [...result.codes])
        .orderBy('target_url')
        .execute()
      assert.deepEqual(
        rows.map((r) => ({ ...r, created_at: Number(r.created_at) })),
        [
          {
            code: cart,
            store_id: storeId,
            target_url: 'https://shop.example/cart?id=1',
            message_id: 'msg_1',
            flow_run_id: 'run_1',
            created_at: NOW_MS,
          },
          {
            code: track,
            store_id: storeId,
            target_url: 'https://t.example/a',
            message_id: 'msg_1',
            flow_run_id: 'run_1',
            created_at: NOW_MS,
          },
        ],
      )
    })

    it('drops a trailing slash of the base URL and leaves its own short links alone', async () => {
      const first = await shorten('Go https://shop.example/x', `${BASE}/`)
      const again = await shorten(first.text)

      assert.equal(first.text, `Go ${BASE}/r/${first.codes[0]}`)
      assert.deepEqual(again, { text: first.text, codes: [] })
    })

    it('leaves a text without URLs as it is', async () => {
      assert.deepEqual(await shorten('No links here, see you soon.'), {
        text: 'No links here, see you soon.',
        codes: [],
      })
    })

    it('gives every URL a code of its own', async () => {
      const text = Array.from({ length: 500 }, (_, i) => `https://shop.example/p/${i}`).join(' ')
      const { codes } = await shorten(text)

      assert.equal(new Set(codes).size, 500)
    })
  })
}
