import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { maskPhone } from '../../src/dashboard/app/format.js'

describe('phone numbers in the dashboard', () => {
  it('keeps the country calling code and the last three digits', () => {
    assert.equal(maskPhone('+12025550143'), '+1 ••••••• 143')
    assert.equal(maskPhone('+447911123456'), '+44 ••••••• 456')
    assert.equal(maskPhone('+33612345678'), '+33 •••••• 678')
    assert.equal(maskPhone('+4915123456789'), '+49 •••••••• 789')
    assert.equal(maskPhone('+353871234567'), '+353 •••••• 567')
    assert.equal(maskPhone('+79161234567'), '+7 ••••••• 567')
  })

  it('shows an erased number as erased and leaves a short code as it is', () => {
    assert.equal(maskPhone('hash:3f9a0c'), 'erased')
    assert.equal(maskPhone('NUDGE'), 'NUDGE')
    assert.equal(maskPhone('12345'), '12345')
  })
})
