import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import type { DeliveryReceipt } from '../carrier.js'
import type { MessagePdu } from './message-pdu.js'
import {
  isReceipt,
  normaliseSmscId,
  parseReceiptText,
  receiptFromPdu,
  receiptIdCandidates,
  smscIdsMatch,
} from './receipt-parser.js'

// Every line of the shared fixture /work/shared/fixtures/smpp/receipts.txt ("delivery-receipt
// texts as SMSCs send them in deliver_sm short_message"), verbatim, with what it must read as.
const FIXTURE: readonly [string, DeliveryReceipt][] = [
  [
    'id:0123456789 sub:001 dlvrd:001 submit date:2611271530 done date:2611271531 stat:DELIVRD err:000 text:Hi Mara, your cart i',
    {
      smscMessageId: '0123456789',
      state: 'delivered',
      errorCode: '000',
      submittedCount: 1,
      deliveredCount: 1,
      submitDate: '2611271530',
      doneDate: '2611271531',
      text: 'Hi Mara, your cart i',
    },
  ],
  [
    'id:3a5c01f7 sub:001 dlvrd:000 submit date:2611271530 done date:2611271645 stat:UNDELIV err:001 text:',
    {
      smscMessageId: '3a5c01f7',
      state: 'undelivered',
      errorCode: '001',
      submittedCount: 1,
      deliveredCount: 0,
      submitDate: '2611271530',
      doneDate: '2611271645',
      text: '',
    },
  ],
  [
    'id:7f3e2b1a-9c4d-4e5f-8a6b-1c2d3e4f5a6b sub:002 dlvrd:002 submit date:261127153012 done date:261127153055 stat:DELIVRD err:0000 Text:Your order #1042 has',
    {
      smscMessageId: '7f3e2b1a-9c4d-4e5f-8a6b-1c2d3e4f5a6b',
      state: 'delivered',
      errorCode: '0000',
      submittedCount: 2,
      deliveredCount: 2,
      submitDate: '261127153012',
      doneDate: '261127153055',
      text: 'Your order #1042 has',
    },
  ],
  [
    'id:00B8BE19 stat:EXPIRED err:000',
    { smscMessageId: '00B8BE19', state: 'expired', errorCode: '000' },
  ],
  [
    'id:42 sub:001 dlvrd:000 submit date:2611271530 done date:2611271530 stat:REJECTD err:011 text:',
    {
      smscMessageId: '42',
      state: 'rejected',
      errorCode: '011',
      submittedCount: 1,
      deliveredCount: 0,
      submitDate: '2611271530',
      doneDate: '2611271530',
      text: '',
    },
  ],
  [
    'id:9981 submit date:2611271530 done date:2611271532 stat:ACKED   err:000',
    {
      smscMessageId: '9981',
      state: 'accepted',
      errorCode: '000',
      submitDate: '2611271530',
      doneDate: '2611271532',
    },
  ],
]

function receiptPdu(text: string, extra: Partial<MessagePdu> = {}): MessagePdu {
  return {
    source_addr_ton: 1,
    source_addr_npi: 1,
    source_addr: '447700900123',
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    destination_addr: '447700900999',
    esm_class: 0x04,
    registered_delivery: 0,
    data_coding: 0,
    short_message: Buffer.from(text, 'latin1'),
    ...extra,
  }
}

describe('parseReceiptText', () => {
  for (const [line, expected] of FIXTURE) {
    test(`reads the fixture receipt "${line.slice(0, 40)}…"`, () => {
      assert.deepEqual(parseReceiptText(line), expected)
    })
  }

  test('reads fields in any order and keeps the text up to the end', () => {
    const receipt = parseReceiptText('stat:DELIVRD err:000 id:ab12 text:stat: is in here')
    assert.deepEqual(receipt, {
      smscMessageId: 'ab12',
      state: 'delivered',
      errorCode: '000',
      text: 'stat: is in here',
    })
  })

  test('ends the text where a field not seen before follows it', () => {
    const receipt = parseReceiptText('text:Hello there id:77 stat:UNDELIV')
    assert.deepEqual(receipt, { smscMessageId: '77', state: 'undelivered', text: 'Hello there' })
  })

  test('maps every stat word carriers send, in any case', () => {
    const states = {
      DELIVRD: 'delivered',
      UNDELIV: 'undelivered',
      EXPIRED: 'expired',
      DELETED: 'deleted',
      REJECTD: 'rejected',
      ACCEPTD: 'accepted',
      UNKNOWN: 'unknown',
      ENROUTE: 'enroute',
      FAILED: 'undelivered',
      ACKED: 'accepted',
      SCHEDLD: 'enroute',
      SKIPPED: 'undelivered',
      delivrd: 'delivered',
      BOGUS: 'unknown',
    }
    for (const [stat, state] of Object.entries(states)) {
      assert.equal(parseReceiptText(`id:1 stat:${stat}`)?.state, state, stat)
    }
  })

  test('reads a receipt without stat as unknown', () => {
    assert.deepEqual(parseReceiptText('id:5 err:000'), {
      smscMessageId: '5',
      state: 'unknown',
      errorCode: '000',
    })
  })

  test('returns undefined for text without an id', () => {
    assert.equal(parseReceiptText('stat:DELIVRD err:000'), undefined)
    assert.equal(parseReceiptText('Your code is 1234'), undefined)
    assert.equal(parseReceiptText(''), undefined)
  })
})

describe('receiptFromPdu', () => {
  test('lets receipted_message_id and message_state win over the text', () => {
    const pdu = receiptPdu(FIXTURE[0]![0], { receipted_message_id: '75bcd15', message_state: 5 })
    assert.deepEqual(receiptFromPdu(pdu), {
      ...FIXTURE[0]![1],
      smscMessageId: '75bcd15',
      state: 'undelivered',
    })
  })

  test('maps every message_state value', () => {
    const states = [
      'enroute',
      'enroute',
      'delivered',
      'expired',
      'deleted',
      'undelivered',
      'accepted',
      'unknown',
      'rejected',
      'undelivered',
    ]
    states.forEach((state, value) => {
      const pdu = receiptPdu('', { receipted_message_id: 'x1', message_state: value })
      assert.equal(receiptFromPdu(pdu)?.state, state, `message_state ${value}`)
    })
    const unknown = receiptPdu('', { receipted_message_id: 'x1', message_state: 42 })
    assert.equal(receiptFromPdu(unknown)?.state, 'unknown')
  })

  test('reads a receipt with TLVs and no text at all', () => {
    const pdu = receiptPdu('', { receipted_message_id: 'abc', message_state: 2 })
    assert.deepEqual(receiptFromPdu(pdu), { smscMessageId: 'abc', state: 'delivered' })
  })

  test('takes the error code from network_error_code when the text has none', () => {
    const pdu = receiptPdu('id:9 stat:UNDELIV', {
      network_error_code: Buffer.from([0x03, 0x00, 0x22]),
    })
    assert.deepEqual(receiptFromPdu(pdu), {
      smscMessageId: '9',
      state: 'undelivered',
      errorCode: '034',
    })
  })

  test('reads a GSM-coded receipt text', () => {
    // `@` is 0x00 and `$` 0x02 in GSM 03.38.
    const text = Buffer.concat([
      Buffer.from('id:1 stat:DELIVRD text:Pay ', 'latin1'),
      Buffer.from([0x02, 0x35, 0x20, 0x00, 0x20, 0x53]),
    ])
    const receipt = receiptFromPdu(receiptPdu('', { short_message: text }))
    assert.equal(receipt?.text, 'Pay $5 @ S')
  })

  test('falls back to plain octets when a packed-GSM carrier sends its receipt unpacked', () => {
    const receipt = receiptFromPdu(receiptPdu(FIXTURE[3]![0]), { packedGsm7: true })
    assert.deepEqual(receipt, FIXTURE[3]![1])
  })

  test('returns undefined when neither TLV nor text names a message', () => {
    assert.equal(receiptFromPdu(receiptPdu('stat:DELIVRD')), undefined)
  })
})

describe('isReceipt', () => {
  test('recognises receipts by esm_class message type or receipted_message_id', () => {
    assert.equal(isReceipt({ esm_class: 0x04 }), true)
    assert.equal(isReceipt({ esm_class: 0x08 }), true)
    assert.equal(isReceipt({ esm_class: 0x20 }), true)
    assert.equal(isReceipt({ esm_class: 0x44 }), true)
    assert.equal(isReceipt({ esm_class: 0x00, receipted_message_id: 'a1' }), true)
  })

  test('treats a plain or UDH-carrying deliver_sm as a text', () => {
    assert.equal(isReceipt({ esm_class: 0x00 }), false)
    assert.equal(isReceipt({ esm_class: 0x40 }), false)
    assert.equal(isReceipt({ esm_class: 0x10 }), false)
  })
})

describe('receipt ids', () => {
  test('offers the decimal id as given, unpadded, and in hex', () => {
    const candidates = receiptIdCandidates('0123456789')
    assert.equal(candidates[0], '0123456789')
    for (const id of ['123456789', '75bcd15', '75BCD15', '075bcd15']) {
      assert.ok(candidates.includes(id), id)
    }
  })

  test('offers a hex id in decimal and in lower case without padding', () => {
    const candidates = receiptIdCandidates('00B8BE19')
    assert.equal(candidates[0], '00B8BE19')
    for (const id of ['b8be19', '00b8be19', '12107289']) assert.ok(candidates.includes(id), id)
  })

  test('offers a UUID as given and in lower case only', () => {
    const id = '7F3E2B1A-9C4D-4E5F-8A6B-1C2D3E4F5A6B'
    assert.deepEqual(receiptIdCandidates(id), [id, id.toLowerCase()])
  })

  test('normalises hex and decimal ids alike', () => {
    assert.equal(normaliseSmscId('00B8BE19'), 'b8be19')
    assert.equal(normaliseSmscId('0000'), '0')
    assert.equal(normaliseSmscId(' 42 '), '42')
  })

  test('matches ids across case, padding and hex/decimal', () => {
    assert.ok(smscIdsMatch('00B8BE19', '12107289'))
    assert.ok(smscIdsMatch('12107289', 'b8be19'))
    assert.ok(smscIdsMatch('0123456789', '75BCD15'))
    assert.ok(!smscIdsMatch('42', '43'))
    assert.ok(!smscIdsMatch('7f3e2b1a-9c4d', '7f3e2b1a'))
  })
})
