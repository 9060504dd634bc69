import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { migrate, openSqlite, type Db } from './database.js'
import { PreparedQuery, type Placeholder } from './prepared-query.js'

describe('PreparedQuery', () => {
  let db: Db
  let close: () => Promise<void>

  before(async () => {
    ;({ db, close } = openSqlite({ file: ':memory:' }))
    await migrate(db)
    await db
      .insertInto('idempotency_keys')
      .values([
        { store_id: 'st_a', key: 'k1', request_hash: 'h', message_id: 'm1', created_at: 10 },
        { store_id: 'st_a', key: 'k2', request_hash: 'h', message_id: 'm2', created_at: 20 },
        { store_id: 'st_b', key: 'k1', request_hash: 'h', message_id: 'm3', created_at: 30 },
      ])
      .execute()
  })
  after(() => close())

  it('puts each value where its placeholder is, whatever order the values are given in', async () => {
    const query = new PreparedQuery((qb, p: Placeholder<'store' | 'after'>) =>
      qb
        .selectFrom('idempotency_keys')
        .select('message_id')
        .where('created_at', '>', p('after'))
        .where('store_id', '=', p('store'))
        .orderBy('created_at'),
    )

    assert.deepEqual(await query.execute(db, { store: 'st_a', after: 15 }), [{ message_id: 'm2' }])
    assert.deepEqual(await query.execute(db, { after: 0, store: 'st_b' }), [{ message_id: 'm3' }])
    await db.transaction().execute(async (trx) => {
      assert.equal((await query.execute(trx, { store: 'st_a', after: 0 })).length, 2)
    })
  })

  it('keeps literals in the SQL and refuses a value that is not a placeholder', async () => {
    const literal = new PreparedQuery((qb, p: Placeholder<'key'>) =>
      qb
        .selectFrom('idempotency_keys')
        .select('message_id')
        .where('store_id', '=', sql.lit('st_a'))
        .where('key', '=', p('key')),
    )
    const fixed = new PreparedQuery((qb) =>
      qb.selectFrom('idempotency_keys').select('message_id').where('key', '=', 'k1'),
    )

    assert.deepEqual(await literal.execute(db, { key: 'k1' }), [{ message_id: 'm1' }])
    await assert.rejects(() => fixed.execute(db, {}), TypeError)
  })
})
