import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { DATABASE_KINDS, openTestDatabase } from '../../test/support/test-database.js'
import { ManualClock } from '../runtime/index.js'
import type { GroupCommit, Trx } from '../storage/index.js'
import { StoreRegistry } from '../stores/index.js'
import { acceptMessage } from './accept-message.js'
import { loadPriceTable } from './price-table.js'
import type { SendGate } from './send-gate.js'

/** The compliance gate is not what these tests are about: it lets every message through. */
const allowEverything: SendGate = { check: async () => ({ decision: 'allowed' }) }

for (const kind of DATABASE_KINDS) {
  describe(`accepting a message (${kind})`, () => {
    test('the same Idempotency-Key through two processes at once makes one message', async (t) => {
      const { db, close } = await openTestDatabase(kind)
      t.after(close)
      const clock = new ManualClock(Date.parse('2026-11-27T15:30:00Z'))
      const { store } = await new StoreRegistry({ db, clock }).create('Northwind')
      const request = { to: '+12025550143', from: 'Northwind', body: 'Your order has shipped' }

      // Two API processes: each write holds its transaction open until both have written (or
      // half a second passed), so on PostgreSQL the second insert meets the first one's key.
      let written = 0
      let bothWritten: () => void = () => undefined
      const barrier = new Promise<void>((resolve) => (bothWritten = resolve))
      const racingCommit = {
        run: <T>(work: (trx: Trx) => Promise<T>) =>
          db.transaction().execute(async (trx) => {
            const out = await work(trx)
            if (++written === 2) bothWritten()
            await Promise.race([barrier, new Promise((r) => setTimeout(r, 500))])
            return out
          }),
      } as unknown as GroupCommit
      const results = await Promise.all(
        [1, 2].map(() =>
          acceptMessage(
            {
              groupCommit: racingCommit,
              clock,
              prices: loadPriceTable(),
              maxSegments: 10,
              gate: allowEverything,
              webhookLifetimeMs: 60_000,
            },
            store,
            request,
            'order-1042-shipped',
          ),
        ),
      )

      assert.deepEqual(results.map((r) => r.kind).sort(), ['created', 'replayed'])
      assert.equal(results[0]!.message.id, results[1]!.message.id)
      const { n } = await db
        .selectFrom('messages')
        .select(db.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      assert.equal(Number(n), 1)
    })
  })
}
