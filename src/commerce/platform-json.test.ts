import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { parsePlatformJson } from './platform-json.js'

describe('parsePlatformJson', () => {
  it('keeps Shopify ids beyond 2^53 exact, as strings', () => {
    // The order id of Shopify's sample payloads, which a double turns into ...154500.
    const parsed = parsePlatformJson('{"id": 820982911946154508, "order_id":-820982911946154508}')

    assert.deepEqual(parsed, { id: '820982911946154508', order_id: '-820982911946154508' })
  })

  it('leaves safe integers, fractions, exponents and digits inside strings alone', () => {
    const text =
      '{"a": 35124987621542, "b": 12345678901234567.5, "c": 1e400, "d": "820982911946154508",' +
      ' "e": "say \\"9007199254740993\\"", "f": [9007199254740993, 1]}'
    const parsed = parsePlatformJson(text) as Record<string, unknown>

    assert.equal(parsed['a'], 35124987621542)
    assert.equal(parsed['b'], 12345678901234568)
    assert.equal(parsed['c'], Infinity)
    assert.equal(parsed['d'], '820982911946154508')
    assert.equal(parsed['e'], 'say "9007199254740993"')
    assert.deepEqual(parsed['f'], ['9007199254740993', 1])
  })

  it('throws on text that is not JSON, even when quoting a number would mend it', () => {
    assert.throws(() => parsePlatformJson('{820982911946154508: 1}'), SyntaxError)
    assert.throws(() => parsePlatformJson('webhook_id=12'), SyntaxError)
  })
})
