import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { encodeGsm7 } from '../../messaging/index.js'
import type { OutboundSegment } from '../carrier.js'
import { InvalidSegmentError } from '../errors.js'
import { messagePduFields } from './message-pdu.js'
import { decodeShortMessage } from './short-message.js'
import { encodePdu } from './smpp-wire.js'
import { buildSubmitSm } from './submit-pdu.js'

const UNPACKED = { packedGsm7: false }
const PACKED = { packedGsm7: true }

function gsmSegment(text: string, extra: Partial<OutboundSegment> = {}): OutboundSegment {
  return {
    sender: { address: 'Nudge', ton: 5, npi: 0 },
    recipient: '+447700900123',
    encoding: 'GSM-7',
    payload: Buffer.from(encodeGsm7(text)),
    requestReceipt: true,
    ...extra,
  }
}

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex')

describe('buildSubmitSm', () => {
  test('puts the concatenation header before one septet per octet for a 2-part GSM message', () => {
    const first = buildSubmitSm(
      gsmSegment('Hello', { concat: { reference: 0x2a, total: 2, seq: 1 } }),
      UNPACKED,
    )
    const second = buildSubmitSm(
      gsmSegment('World@$', { concat: { reference: 0x2a, total: 2, seq: 2 } }),
      UNPACKED,
    )

    // UDH 05 00 03 ref total seq (TS 23.040 §9.2.3.24.1); GSM 03.38 puts `@` at 0x00, `$` at 0x02.
    assert.deepEqual(first.short_message, hex('050003 2a 02 01  48 65 6c 6c 6f'))
    assert.deepEqual(second.short_message, hex('050003 2a 02 02  57 6f 72 6c 64 00 02'))
    for (const pdu of [first, second]) {
      assert.equal(pdu.esm_class, 0x40)
      assert.equal(pdu.data_coding, 0x00)
      assert.equal(pdu.registered_delivery, 0x01)
      assert.equal(pdu.destination_addr, '447700900123')
      assert.equal(pdu.dest_addr_ton, 1)
      assert.equal(pdu.dest_addr_npi, 1)
      assert.equal(pdu.source_addr, 'Nudge')
      assert.equal(pdu.source_addr_ton, 5)
    }
  })

  test('sends exactly these bytes on the wire for the first part', () => {
    const pdu = buildSubmitSm(
      gsmSegment('Hello', { concat: { reference: 0x2a, total: 2, seq: 1 } }),
      UNPACKED,
    )

    // SMPP 3.4 §4.4.1 body order; the package leaves sequence_number 0 until it sends.
    const expected = hex(`
      0000003d 00000004 00000000 00000000
      00  05 00 4e75646765 00  01 01 343437373030393030313233 00
      40 00 00  00 00  01 00 00 00
      0b 050003 2a 02 01 48656c6c6f`)
    assert.deepEqual(encodePdu('submit_sm', messagePduFields(pdu)), expected)
  })

  test('sends a UCS-2 segment as UTF-16BE with data_coding 8 and no header', () => {
    const segment: OutboundSegment = {
      sender: { address: '447700900999', ton: 1, npi: 1 },
      recipient: '+4915112345678',
      encoding: 'UCS-2',
      payload: Buffer.from('Zoë 😀', 'utf16le').swap16(),
      requestReceipt: false,
    }
    const pdu = buildSubmitSm(segment, UNPACKED)

    // U+1F600 is the surrogate pair D83D DE00.
    assert.deepEqual(pdu.short_message, hex('005a 006f 00eb 0020 d83d de00'))
    assert.equal(pdu.data_coding, 0x08)
    assert.equal(pdu.esm_class, 0x00)
    assert.equal(pdu.registered_delivery, 0x00)
    const expected = hex(`
      00000046 00000004 00000000 00000000
      00  01 01 343437373030393030393939 00  01 01 3439313531313233343536373800
      00 00 00  00 00  00 00 08 00
      0c 005a006f00eb0020d83dde00`)
    assert.deepEqual(encodePdu('submit_sm', messagePduFields(pdu)), expected)
  })

  test('packs septets when the carrier wants them packed', () => {
    const pdu = buildSubmitSm(gsmSegment('hellohello'), PACKED)

    // The classic 3GPP example: "hellohello" packs to E8 32 9B FD 46 97 D9 EC 37.
    assert.deepEqual(pdu.short_message, hex('e8329bfd4697d9ec37'))
    assert.equal(pdu.data_coding, 0x00)
  })

  test('starts packed septets after one fill bit behind the concatenation header', () => {
    const concat = { reference: 7, total: 2, seq: 2 }
    const pdu = buildSubmitSm(gsmSegment('hellohello', { concat }), PACKED)

    // The same septets one bit further on: each octet of the example shifted left by one.
    assert.deepEqual(pdu.short_message, hex('050003 07 02 02  d06536fb8d2eb3d96f'))
    assert.equal(decodeShortMessage(pdu, PACKED).text, 'hellohello')
  })

  test('pads 7 spare bits with CR so the last septet does not read as @', () => {
    const pdu = buildSubmitSm(gsmSegment('hellohe'), PACKED)

    assert.equal(pdu.short_message.length, 7)
    assert.equal(pdu.short_message[6]! >> 1, 0x0d)
    assert.equal(decodeShortMessage(pdu, PACKED).text, 'hellohe')
  })

  test('refuses segments it cannot put on the wire', () => {
    const invalid: OutboundSegment[] = [
      gsmSegment('x', { recipient: '07700900123x' }),
      gsmSegment('x', { sender: { address: 'Ünïcode', ton: 5, npi: 0 } }),
      gsmSegment('x', { concat: { reference: 256, total: 2, seq: 1 } }),
      gsmSegment('x', { concat: { reference: 1, total: 2, seq: 3 } }),
      gsmSegment('x', { concat: { reference: 1, total: 2, seq: 0 } }),
      gsmSegment('x', { payload: Buffer.from([0x80]) }),
      gsmSegment('x', { payload: Buffer.alloc(255, 0x41) }),
    ]
    for (const segment of invalid) {
      assert.throws(() => buildSubmitSm(segment, UNPACKED), InvalidSegmentError)
    }
  })
})
