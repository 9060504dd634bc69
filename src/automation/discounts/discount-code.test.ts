import assert from 'node:assert/strict'
import { test } from 'node:test'
import { newDiscountCode } from './discount-code.js'

test('a code is the prefix and eight characters that cannot be misread', () => {
  const codes = new Set(Array.from({ length: 2000 }, () => newDiscountCode('NUDGE-')))
  assert.equal(codes.size, 2000)
  for (const code of codes) assert.match(code, /^NUDGE-[A-HJ-NP-Z2-9]{8}$/)
})
