import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../../../test/support/temp-files.js'
import { ErasureKeyError } from '../errors.js'
import { loadErasureKey } from './erasure-key.js'

describe('loadErasureKey', () => {
  it('generates a key once, keeps it readable by the owner only, and reads it back', () => {
    const file = join(tempDir('erasure-key'), 'nudge.db.erasure-key')

    const first = loadErasureKey({ key: undefined, file })
    const again = loadErasureKey({ key: undefined, file })

    assert.ok(first.length >= 32)
    assert.equal(again, first)
    assert.equal(readFileSync(file, 'utf8').trim(), first)
    assert.equal(statSync(file).mode & 0o777, 0o600)
  })

  it('prefers a configured key and leaves the file alone', () => {
    const file = join(tempDir('erasure-key'), 'unused')
    const key = 'configured-key-configured-key-0123'

    assert.equal(loadErasureKey({ key, file }), key)
    assert.throws(() => statSync(file))
  })

  it('refuses a key file holding too short a key', () => {
    const file = join(tempDir('erasure-key'), 'short')
    writeFileSync(file, 'short\n')

    assert.throws(() => loadErasureKey({ key: undefined, file }), ErasureKeyError)
  })
})
