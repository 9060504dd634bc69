import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { splitSegments } from './segment-split.js'

// Limits from 3GPP TS 23.038 / TS 23.040: 160 septets or 70 UCS-2 code units fit one message;
// with the 6-octet concatenation header each part holds 153 septets or 67 code units.
// Escape codes are those of the TS 23.038 extension table ('€' is 0x1B 0x65).

describe('GSM-7 segments', () => {
  test('keeps 160 septets in one segment', () => {
    const segments = splitSegments('a'.repeat(160))

    assert.equal(segments.length, 1)
    assert.equal(segments[0]?.payload.length, 160)
  })

  test('splits 161 septets into parts of 153 and 8', () => {
    const segments = splitSegments('a'.repeat(161))

    assert.deepEqual(
      segments.map((s) => s.text.length),
      [153, 8],
    )
  })

  test('carries unpacked septets with the escape in the payload', () => {
    const [segment] = splitSegments('@€')

    assert.deepEqual([...(segment?.payload ?? [])], [0x00, 0x1b, 0x65])
  })

  test('moves an escape pair that would straddle the 153-septet boundary to the next part', () => {
    const body = 'a'.repeat(152) + '€' + 'b'.repeat(10)
    const segments = splitSegments(body)

    assert.equal(segments.length, 2)
    assert.equal(segments[0]?.text, 'a'.repeat(152))
    assert.equal(segments[0]?.payload.length, 152)
    assert.equal(segments[1]?.text, '€' + 'b'.repeat(10))
    assert.deepEqual([...(segments[1]?.payload.subarray(0, 2) ?? [])], [0x1b, 0x65])
  })

  test('joins the parts back into the original body', () => {
    const body = '€[a]'.repeat(100)

    assert.equal(
      splitSegments(body)
        .map((s) => s.text)
        .join(''),
      body,
    )
  })
})

describe('UCS-2 segments', () => {
  test('encodes the payload as UTF-16 big-endian', () => {
    const [segment] = splitSegments('ł😀')

    assert.equal(segment?.payload.toString('hex'), '0142d83dde00')
  })

  test('keeps 70 code units in one segment and splits 71 into two', () => {
    assert.equal(splitSegments('ł'.repeat(70)).length, 1)
    assert.equal(splitSegments('ł'.repeat(71)).length, 2)
  })

  test('moves an emoji that would straddle the 67-unit boundary wholly to the next part', () => {
    const body = 'ł'.repeat(66) + '😀' + 'xyz'
    const segments = splitSegments(body)

    assert.equal(segments.length, 2)
    assert.equal(segments[0]?.text, 'ł'.repeat(66))
    assert.equal(segments[0]?.payload.length, 132)
    assert.equal(segments[1]?.text, '😀xyz')
    assert.equal(segments[1]?.payload.subarray(0, 4).toString('hex'), 'd83dde00')
  })

  test('returns one empty segment for an empty body', () => {
    const segments = splitSegments('')

    assert.equal(segments.length, 1)
    assert.equal(segments[0]?.payload.length, 0)
  })
})
