import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { decodeShortMessage, splitUserData } from './short-message.js'

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex')

function decode(dataCoding: number, bytes: Buffer, esmClass = 0, packedGsm7 = false) {
  return decodeShortMessage(
    { data_coding: dataCoding, esm_class: esmClass, short_message: bytes },
    { packedGsm7 },
  )
}

describe('decodeShortMessage', () => {
  test('reads data_coding 0 as unpacked GSM 03.38, escapes included', () => {
    // 1B 65 is the euro sign in the extension table; 00 is `@` (TS 23.038 §6.2.1).
    assert.deepEqual(decode(0x00, hex('00 20 31 1b65')), { text: '@ 1€' })
  })

  test('reads Latin-1 sent under data_coding 0 as Latin-1', () => {
    assert.deepEqual(decode(0x00, Buffer.from('Café', 'latin1')), { text: 'Café' })
  })

  test('reads UCS-2, IA5 and Latin-1 by data_coding', () => {
    assert.equal(decode(0x08, hex('041f 0440 0438 0432 0435 0442')).text, 'Привет')
    assert.equal(decode(0x01, Buffer.from('STOP')).text, 'STOP')
    assert.equal(decode(0x03, Buffer.from('Ça', 'latin1')).text, 'Ça')
  })

  test('reads GSM DCS group values by their alphabet bits, not the low nibble', () => {
    // 0xF0 is GSM-7 class 0; 0x18 is the general group with the UCS-2 alphabet.
    assert.equal(decode(0xf0, hex('48 69')).text, 'Hi')
    assert.equal(decode(0x18, hex('0048 0069')).text, 'Hi')
  })

  test('strips the header and reports concatenation when esm_class has UDHI', () => {
    const decoded = decode(0x08, hex('050003 9c 03 02  0048 0069'), 0x40)
    assert.deepEqual(decoded, { text: 'Hi', concat: { reference: 0x9c, total: 3, seq: 2 } })
  })

  test('reads the 16-bit reference concatenation element', () => {
    const decoded = decode(0x00, hex('060804 1234 02 01  48 69'), 0x40)
    assert.deepEqual(decoded, { text: 'Hi', concat: { reference: 0x1234, total: 2, seq: 1 } })
  })

  test('unpacks packed septets after the header and its fill bit', () => {
    const decoded = decode(0x00, hex('050003 07 02 02  d06536fb8d2eb3d96f'), 0x40, true)
    assert.deepEqual(decoded, { text: 'hellohello', concat: { reference: 7, total: 2, seq: 2 } })
  })

  test('drops the zero septet that fills 7 spare bits of packed text', () => {
    // "hellohe" is 49 bits: 7 octets leave 7 spare bits, left at zero here.
    assert.equal(decode(0x00, hex('e8329bfd4697 01'), 0, true).text, 'hellohe')
  })
})

describe('splitUserData', () => {
  test('keeps every byte as text when the header length runs past the data', () => {
    const bytes = hex('09 00 03 01')
    assert.deepEqual(splitUserData(bytes, true), { body: bytes })
  })

  test('ignores header elements it does not know', () => {
    const split = splitUserData(hex('09 2402 0100  000301 0201  41'), true)
    assert.deepEqual(split.concat, { reference: 1, total: 2, seq: 1 })
    assert.deepEqual(split.body, hex('41'))
  })
})
