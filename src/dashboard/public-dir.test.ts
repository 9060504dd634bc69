import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tempDir } from '../../test/support/temp-files.js'
import { findPublicDir } from './public-dir.js'

describe('finding the built dashboard', () => {
  it('finds dist/public of this package from the source folder', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url))

    assert.equal(findPublicDir(), join(root, 'dist', 'public'))
  })

  it('walks up from the compiled folder of an installed package, past other packages', () => {
    const app = tempDir('installed')
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'my-shop-tools' }))
    const nudge = join(app, 'node_modules', 'nudge')
    mkdirSync(join(nudge, 'dist', 'dashboard'), { recursive: true })
    writeFileSync(join(nudge, 'package.json'), JSON.stringify({ name: 'nudge' }))

    assert.equal(findPublicDir(join(nudge, 'dist', 'dashboard')), join(nudge, 'dist', 'public'))
    assert.equal(findPublicDir(app), undefined)
  })
})
