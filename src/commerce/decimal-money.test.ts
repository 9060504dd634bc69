import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { decimalToMicros } from './decimal-money.js'

describe('decimalToMicros', () => {
  it('reads decimal strings digit by digit, with no floating-point rounding', () => {
    assert.equal(decimalToMicros('49.00'), 49_000_000)
    assert.equal(decimalToMicros('0.1'), 100_000)
    assert.equal(decimalToMicros('69.12'), 69_120_000)
    assert.equal(decimalToMicros('1234567.891234'), 1_234_567_891_234)
    assert.equal(decimalToMicros(' 5 '), 5_000_000)
    assert.equal(decimalToMicros('0.1000000'), 100_000)
  })

  it('reads the numbers WooCommerce sends for line item prices', () => {
    // WooCommerce's own order fixture: 2 × 15.955 = 31.91.
    assert.equal(decimalToMicros(15.955), 15_955_000)
    assert.equal(decimalToMicros(0.1 + 0.2), 300_000)
    assert.equal(decimalToMicros(24), 24_000_000)
  })

  it('refuses negative, malformed, too precise and too large amounts', () => {
    for (const bad of ['-1.00', '1,00', '', 'abc', '1.0000001', '1e3', '1234567890.00', '.5']) {
      assert.equal(decimalToMicros(bad), undefined, bad)
    }
    assert.equal(decimalToMicros(Number.NaN), undefined)
    assert.equal(decimalToMicros(-3), undefined)
  })
})
