import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { splitSegments } from './segment-split.js'
import { analyzeText } from './text-encoding.js'

// Limits and septet costs from 3GPP TS 23.038: 160 septets single, 153 per concatenated part;
// UCS-2 70 / 67 code units; extension characters such as '€' and '[' take two septets.

describe('GSM-7 analysis', () => {
  test('counts 160 plain characters as one segment of 160', () => {
    const analysis = analyzeText('a'.repeat(160))

    assert.equal(analysis.encoding, 'GSM-7')
    assert.equal(analysis.units, 160)
    assert.equal(analysis.segmentCount, 1)
    assert.equal(analysis.unitsPerSegment, 160)
    assert.deepEqual(analysis.ucs2Characters, [])
  })

  test('counts 161 plain characters as two segments of up to 153', () => {
    const analysis = analyzeText('a'.repeat(161))

    assert.equal(analysis.segmentCount, 2)
    assert.equal(analysis.unitsPerSegment, 153)
  })

  test('counts 306 plain characters as two segments and 307 as three', () => {
    assert.equal(analyzeText('a'.repeat(306)).segmentCount, 2)
    assert.equal(analyzeText('a'.repeat(307)).segmentCount, 3)
  })

  test('counts two septets for each extension character', () => {
    assert.equal(analyzeText('€').units, 2)
    assert.equal(analyzeText('[').units, 2)
    assert.equal(analyzeText('a[b]€').units, 8)
  })

  test('fits 80 euro signs in one segment and needs two for 81', () => {
    const eighty = analyzeText('€'.repeat(80))
    const eightyOne = analyzeText('€'.repeat(81))

    assert.equal(eighty.units, 160)
    assert.equal(eighty.segmentCount, 1)
    assert.equal(eightyOne.units, 162)
    assert.equal(eightyOne.segmentCount, 2)
  })

  // 306 septets would fill two parts exactly, but 153 is odd, so an escape pair lands on the
  // boundary, moves on and leaves the last '€' for a third part.
  test('counts the extra part caused by escapes that cannot be split', () => {
    const analysis = analyzeText('€'.repeat(153))

    assert.equal(analysis.units, 306)
    assert.equal(analysis.segmentCount, 3)
  })
})

describe('UCS-2 analysis', () => {
  test('switches the whole text to UCS-2 for one emoji', () => {
    const analysis = analyzeText('Your order has shipped 😀')

    assert.equal(analysis.encoding, 'UCS-2')
    assert.equal(analysis.units, 25)
  })

  test('counts a character outside the BMP as two code units', () => {
    assert.equal(analyzeText('😀').units, 2)
  })

  test('counts an extension character as one code unit', () => {
    assert.equal(analyzeText('ł€').units, 2)
  })

  test('counts 70 code units as one segment and 71 as two', () => {
    const seventy = analyzeText('ł'.repeat(70))
    const seventyOne = analyzeText('ł'.repeat(71))

    assert.equal(seventy.segmentCount, 1)
    assert.equal(seventy.unitsPerSegment, 70)
    assert.equal(seventyOne.segmentCount, 2)
    assert.equal(seventyOne.unitsPerSegment, 67)
  })

  // 134 code units would fill two parts exactly, but the emoji pair at units 67–68 cannot be
  // split, so the text needs a third part.
  test('counts the extra part caused by a surrogate pair on the boundary', () => {
    const analysis = analyzeText('ł'.repeat(66) + '😀' + 'x'.repeat(66))

    assert.equal(analysis.units, 134)
    assert.equal(analysis.segmentCount, 3)
  })

  test('names each character that forced UCS-2 once, at its first code-unit index', () => {
    const analysis = analyzeText('a😀 łódź ł 😀')

    assert.deepEqual(analysis.ucs2Characters, [
      { character: '😀', index: 1 },
      { character: 'ł', index: 4 },
      { character: 'ó', index: 5 },
      { character: 'ź', index: 7 },
    ])
  })
})

describe('agreement with the split', () => {
  test('reports the same segment count as splitSegments for mixed bodies', () => {
    const bodies = [
      '',
      'a'.repeat(153) + '€',
      '€'.repeat(77) + 'a'.repeat(160),
      'ł😀'.repeat(40),
      '😀'.repeat(35),
      '😀'.repeat(36),
    ]

    for (const body of bodies) {
      assert.equal(analyzeText(body).segmentCount, splitSegments(body).length, body)
    }
  })

  test('reports 0 units in one segment for an empty body', () => {
    const analysis = analyzeText('')

    assert.equal(analysis.encoding, 'GSM-7')
    assert.equal(analysis.units, 0)
    assert.equal(analysis.segmentCount, 1)
  })
})
