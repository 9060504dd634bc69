import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { DATABASE_KINDS, openTestDatabase } from '../../test/support/test-database.js'
import { acquireRouteLease, listRouteLeases, releaseRouteLease } from './route-lease-store.js'

const NOW = 1_800_000_000_000
const LEASE = 10_000

for (const kind of DATABASE_KINDS) {
  describe(`route leases (${kind})`, () => {
    test('one owner at a time; renewed by its owner; taken over once it runs out', async (t) => {
      const { db, close } = await openTestDatabase(kind)
      t.after(close)
      const ask = (owner: string, nowMs: number) =>
        acquireRouteLease(db, { routeId: 'us', owner, nowMs, leaseMs: LEASE })

      assert.equal(await ask('proc_a', NOW), true)
      assert.equal(await ask('proc_b', NOW + 1000), false, 'held by a')
      assert.equal(await ask('proc_a', NOW + 5000), true, 'renewed by a')
      assert.equal(await ask('proc_b', NOW + 5000 + LEASE - 1), false, 'renewal moved the end')
      assert.equal(await ask('proc_b', NOW + 5000 + LEASE + 1), true, 'taken over after the end')
      assert.equal(await ask('proc_a', NOW + 5000 + LEASE + 2), false, 'a lost it')
      assert.deepEqual(await listRouteLeases(db), [
        { routeId: 'us', owner: 'proc_b', expiresAtMs: NOW + 5000 + LEASE + 1 + LEASE },
      ])
    })

    test('many asking at once: exactly one wins', async (t) => {
      const { db, close } = await openTestDatabase(kind)
      t.after(close)
      const owners = Array.from({ length: 8 }, (_, i) => `proc_${i}`)
      const granted = await Promise.all(
        owners.map((owner) =>
          acquireRouteLease(db, { routeId: 'us', owner, nowMs: NOW, leaseMs: LEASE }),
        ),
      )
      assert.equal(granted.filter(Boolean).length, 1)
    })

    test('a released route is free at once, but only its owner can release it', async (t) => {
      const { db, close } = await openTestDatabase(kind)
      t.after(close)
      await acquireRouteLease(db, { routeId: 'us', owner: 'proc_a', nowMs: NOW, leaseMs: LEASE })
      await releaseRouteLease(db, 'us', 'proc_b')
      assert.equal((await listRouteLeases(db)).length, 1)
      await releaseRouteLease(db, 'us', 'proc_a')
      assert.equal(
        await acquireRouteLease(db, { routeId: 'us', owner: 'proc_b', nowMs: NOW, leaseMs: LEASE }),
        true,
      )
    })
  })
}
