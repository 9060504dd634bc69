import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { hashPassword, verifyPassword } from './password-hash.js'

// A low cost keeps these tests quick; the default cost is exercised by the store tests.
const QUICK = { logN: 10, r: 8, p: 1 }

describe('dashboard password hashes', () => {
  it('keeps the scrypt cost and a random salt in the stored string', async () => {
    const first = await hashPassword('correct horse battery', QUICK)
    const second = await hashPassword('correct horse battery', QUICK)

    assert.match(first, /^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    assert.notEqual(first, second)
    assert.doesNotMatch(first, /correct horse/)
  })

  it('uses N = 2^15, r = 8, p = 3 unless told otherwise', async () => {
    assert.match(await hashPassword('correct horse battery'), /^\$scrypt\$ln=15,r=8,p=3\$/)
  })

  it('accepts the password it was made from and nothing else', async () => {
    const stored = await hashPassword('correct horse battery', QUICK)

    assert.equal(await verifyPassword('correct horse battery', stored), true)
    assert.equal(await verifyPassword('correct horse batterY', stored), false)
    assert.equal(await verifyPassword('', stored), false)
  })

  it('reads a password typed with composed or decomposed accents as the same one', async () => {
    const stored = await hashPassword('crème brûlée au café', QUICK)

    assert.equal(await verifyPassword('cre\u0300me bru\u0302le\u0301e au cafe\u0301', stored), true)
  })

  it('matches nothing against a stored string it cannot read or whose cost is out of bounds', async () => {
    const stored = await hashPassword('correct horse battery', QUICK)

    assert.equal(await verifyPassword('correct horse battery', 'plain text'), false)
    assert.equal(await verifyPassword('x', stored.replace('ln=10', 'ln=30')), false)
    assert.equal(await verifyPassword('x', stored.replace('p=1', 'p=99')), false)
  })

  it('refuses a password shorter than 10 characters, saying so', async () => {
    await assert.rejects(hashPassword('short pw', QUICK), {
      code: 'DASHBOARD_PASSWORD_INVALID',
      message: 'the dashboard password must be at least 10 characters long',
    })
    assert.match(await hashPassword('ten chars!', QUICK), /^\$scrypt\$/)
  })
})
