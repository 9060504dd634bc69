import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { DATABASE_KINDS, openTestDatabase } from '../../test/support/test-database.js'
import { GroupCommit } from './group-commit.js'

function store(id: string) {
  return {
    id,
    name: id,
    webhook_url: null,
    webhook_secret: 'whsec_test',
    default_country: null,
    default_sender: null,
    created_at: 1,
    updated_at: 1,
  }
}

for (const kind of DATABASE_KINDS)
  describe(`group commit (${kind})`, () => {
    const freshDatabase = () => openTestDatabase(kind)

    it('commits writes that arrive together in one transaction', async () => {
      const { db, close } = await freshDatabase()
      const transactions: unknown[] = []
      const groupCommit = new GroupCommit(db, { maxDelayMs: 5 })

      const results = await Promise.all(
        ['a', 'b', 'c'].map((id) =>
          groupCommit.run(async (trx) => {
            await trx.insertInto('stores').values(store(id)).execute()
            transactions.push(trx)
            return id
          }),
        ),
      )

      assert.deepEqual(results, ['a', 'b', 'c'])
      assert.equal(new Set(transactions).size, 1, 'all three ran in one transaction')
      const { rows } = await sql<{ n: number }>`select count(*) as n from stores`.execute(db)
      assert.equal(rows[0]?.n, 3)
      await close()
    })

    it('fails only the write that broke and commits the others of its batch', async () => {
      const { db, close } = await freshDatabase()
      const groupCommit = new GroupCommit(db, { maxDelayMs: 5 })

      const outcomes = await Promise.allSettled([
        groupCommit.run((trx) => trx.insertInto('stores').values(store('x')).execute()),
        groupCommit.run((trx) => trx.insertInto('stores').values(store('x')).execute()),
        groupCommit.run((trx) => trx.insertInto('stores').values(store('y')).execute()),
      ])

      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      )
      const ids = (await db.selectFrom('stores').select('id').orderBy('id').execute()).map(
        (r) => r.id,
      )
      assert.deepEqual(ids, ['x', 'y'])
      await close()
    })

    it('starts a new batch once the current one is full', async () => {
      const { db, close } = await freshDatabase()
      const groupCommit = new GroupCommit(db, { maxBatch: 2, maxDelayMs: 50 })
      const startedMs = Date.now()

      await Promise.all(
        ['p', 'q'].map((id) =>
          groupCommit.run((trx) => trx.insertInto('stores').values(store(id)).execute()),
        ),
      )

      // A full batch does not wait for the 50 ms timer.
      assert.ok(Date.now() - startedMs < 40)
      await groupCommit.drain()
      await close()
    })
  })
