import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  decodeGsm7,
  encodeGsm7,
  Gsm7DecodingError,
  Gsm7EncodingError,
  gsm7SeptetCost,
  isGsm7Character,
  packSeptets,
  unpackSeptets,
} from './gsm7.js'

// Expected values in this file come from 3GPP TS 23.038 §6.2.1 (default alphabet and extension
// table) and §6.1.2.1 (packing), written out here row by row independently of the module.
const DEFAULT_ALPHABET_ROWS = [
  '@£$¥èéùìòÇ\nØø\rÅå',
  'Δ_ΦΓΛΩΠΨΣΘΞ', // 0x1B, the escape, is not a character; 0x1C follows
  'ÆæßÉ',
  ' !"#¤%&\'()*+,-./',
  '0123456789:;<=>?',
  '¡ABCDEFGHIJKLMNO',
  'PQRSTUVWXYZÄÖÑÜ§',
  '¿abcdefghijklmno',
  'pqrstuvwxyzäöñüà',
]
const DEFAULT_ALPHABET = DEFAULT_ALPHABET_ROWS.join('')
const DEFAULT_CODES = Array.from({ length: 128 }, (_, code) => code).filter((c) => c !== 0x1b)

const EXTENSION_CHARACTERS = '\f^{}\\[~]|€'
const EXTENSION_CODES = [0x0a, 0x14, 0x28, 0x29, 0x2f, 0x3c, 0x3d, 0x3e, 0x40, 0x65]

describe('GSM 03.38 alphabet', () => {
  test('encodes each default-alphabet character to its table position', () => {
    assert.deepEqual([...encodeGsm7(DEFAULT_ALPHABET)], DEFAULT_CODES)
  })

  test('encodes each extension character as the escape followed by its code', () => {
    const expected = EXTENSION_CODES.flatMap((code) => [0x1b, code])

    assert.deepEqual([...encodeGsm7(EXTENSION_CHARACTERS)], expected)
  })

  test('round-trips the whole alphabet and extension table', () => {
    const everything = DEFAULT_ALPHABET + EXTENSION_CHARACTERS

    assert.equal(decodeGsm7(encodeGsm7(everything)), everything)
  })

  test('places the characters that differ from ASCII where the spec puts them', () => {
    assert.deepEqual([...encodeGsm7('@')], [0x00])
    assert.deepEqual([...encodeGsm7('$')], [0x02])
    assert.deepEqual([...encodeGsm7('_')], [0x11])
    assert.deepEqual([...encodeGsm7('¡')], [0x40])
    assert.deepEqual([...encodeGsm7('§')], [0x5f])
    assert.deepEqual([...encodeGsm7('¿')], [0x60])
    assert.deepEqual([...encodeGsm7('à')], [0x7f])
  })

  test('accepts small ç as 0x09 and decodes 0x09 as the capital Ç of the spec', () => {
    assert.deepEqual([...encodeGsm7('ç')], [0x09])
    assert.equal(decodeGsm7(Uint8Array.of(0x09)), 'Ç')
  })

  test('counts one septet for default characters and two for extension characters', () => {
    assert.equal(gsm7SeptetCost('a'), 1)
    assert.equal(gsm7SeptetCost('@'), 1)
    assert.equal(gsm7SeptetCost('€'), 2)
    assert.equal(gsm7SeptetCost('['), 2)
    assert.equal(gsm7SeptetCost('\f'), 2)
  })

  test('leaves backtick, the escape code itself and non-GSM letters out of the alphabet', () => {
    for (const ch of ['`', '\u001b', 'ł', 'á', '😀', '\t']) {
      assert.equal(isGsm7Character(ch), false, `U+${ch.codePointAt(0)?.toString(16)}`)
      assert.equal(gsm7SeptetCost(ch), 0)
    }
  })

  test('refuses to encode a character outside the alphabet, naming it and its index', () => {
    assert.throws(
      () => encodeGsm7('a😀b`'),
      (error: unknown) =>
        error instanceof Gsm7EncodingError &&
        error.code === 'GSM7_UNENCODABLE' &&
        error.details.character === '😀' &&
        error.details.index === 1,
    )
  })
})

describe('GSM-7 decoding fallbacks', () => {
  test('shows the default-alphabet character for an escape the extension table lacks', () => {
    assert.equal(decodeGsm7(Uint8Array.of(0x1b, 0x41, 0x62)), 'Ab')
  })

  test('shows a space for the reserved double escape', () => {
    assert.equal(decodeGsm7(Uint8Array.of(0x61, 0x1b, 0x1b, 0x62)), 'a b')
  })

  test('shows a space for a lone escape at the end', () => {
    assert.equal(decodeGsm7(Uint8Array.of(0x61, 0x1b)), 'a ')
  })

  test('rejects a byte above 0x7F as malformed', () => {
    assert.throws(() => decodeGsm7(Uint8Array.of(0x61, 0x80)), Gsm7DecodingError)
  })
})

describe('septet packing', () => {
  test('packs "hellohello" into the octets of the common TS 23.038 example', () => {
    const packed = packSeptets(encodeGsm7('hellohello'))

    assert.equal(packed.toString('hex'), 'e8329bfd4697d9ec37')
  })

  test('unpacks the "hellohello" example back to its septets', () => {
    const septets = unpackSeptets(Buffer.from('e8329bfd4697d9ec37', 'hex'), 10)

    assert.equal(decodeGsm7(septets), 'hellohello')
  })

  // After a 6-octet concatenation header one zero bit aligns the text to a septet boundary,
  // so every bit moves up by one: 'A' (0x41) becomes 0x82.
  test('starts the text after the given fill bits', () => {
    assert.equal(packSeptets(encodeGsm7('A'), 1).toString('hex'), '82')
    assert.equal(packSeptets(encodeGsm7('hellohello'), 1).toString('hex'), 'd06536fb8d2eb3d96f')
  })

  test('unpacks text that follows fill bits', () => {
    const septets = unpackSeptets(Buffer.from('d06536fb8d2eb3d96f', 'hex'), 10, 1)

    assert.equal(decodeGsm7(septets), 'hellohello')
  })

  test('fits eight septets in seven octets', () => {
    assert.equal(packSeptets(encodeGsm7('abcdefgh')).length, 7)
  })

  // Seven septets leave 7 zero bits in the last octet, which read the same as '@' (0x00):
  // only the septet count tells them apart.
  test('reads only the septets counted, not the trailing spare bits', () => {
    const packed = packSeptets(encodeGsm7('abcdefg'))

    assert.equal(packed.length, 7)
    assert.equal(decodeGsm7(unpackSeptets(packed, 7)), 'abcdefg')
    assert.equal(decodeGsm7(unpackSeptets(packed, 8)), 'abcdefg@')
  })

  test('round-trips every septet value at every fill-bit offset', () => {
    const septets = Uint8Array.from({ length: 128 }, (_, i) => i)
    for (let fillBits = 0; fillBits <= 6; fillBits++) {
      const packed = packSeptets(septets, fillBits)

      assert.deepEqual(unpackSeptets(packed, septets.length, fillBits), septets)
    }
  })

  test('rejects a septet count the octets cannot hold', () => {
    assert.throws(() => unpackSeptets(Buffer.from('e832', 'hex'), 3), Gsm7DecodingError)
  })

  test('rejects fill bits outside 0 to 6', () => {
    assert.throws(() => packSeptets(Uint8Array.of(1), 7), RangeError)
    assert.throws(() => unpackSeptets(Uint8Array.of(1), 1, -1), RangeError)
  })
})
