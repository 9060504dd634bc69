import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runNudge } from './support/child-process.js'
import { tempDir } from './support/temp-files.js'

describe('nudge contacts import', () => {
  it('lists every bad row by line and imports nothing, then imports a clean file', async () => {
    const dir = tempDir('contacts-import')
    const db = join(dir, 'nudge.db')
    const created = await runNudge(['stores', 'create', 'Northwind', '--db', db, '--json'])
    const storeId = (JSON.parse(created.stdout) as { id: string }).id

    const bad = join(dir, 'bad.csv')
    writeFileSync(
      bad,
      'phone,evidence\n+12025550143,Text me offers\n+1202,Text me offers\n+12025550144,\n',
    )
    const refused = await runNudge(['contacts', 'import', bad, '--store', storeId, '--db', db])

    assert.equal(refused.code, 1)
    assert.deepEqual(refused.stderr.trim().split('\n'), [
      'line 3, phone: the number has the wrong length for +1 (PHONE_NOT_POSSIBLE)',
      'line 4, evidence: is required for an opt-in: the consent wording shown (EVIDENCE_REQUIRED)',
      'nudge: 2 bad row(s) at line(s) 3, 4; nothing was imported',
    ])

    const good = join(dir, 'good.csv')
    writeFileSync(
      good,
      'phone,evidence,action\n+12025550143,Text me offers,opt_in\n+12025550144,,opt_out\n',
    )
    const imported = await runNudge([
      'contacts',
      'import',
      good,
      '--store',
      storeId,
      '--db',
      db,
      '--json',
    ])

    assert.equal(imported.code, 0, imported.stderr)
    assert.deepEqual(JSON.parse(imported.stdout), { imported: 2, opted_in: 1, opted_out: 1 })
  })
})
