import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseSender, type SenderResult } from './sender.js'

// TON and NPI values from SMPP 3.4 §5.2.5 and §5.2.6: TON 1 international, 3 network specific,
// 5 alphanumeric; NPI 1 ISDN (E.164), 0 unknown.

describe('parseSender', () => {
  test('reads a letter-and-space ID as an alphanumeric sender with TON 5', () => {
    assert.deepEqual(parseSender('Nudge'), {
      ok: true,
      sender: { kind: 'alphanumeric', address: 'Nudge', ton: 5, npi: 0 },
    })
    assert.equal(parseSender('Nudge Shop').ok, true)
  })

  test('accepts an alphanumeric ID of exactly 11 characters', () => {
    assert.equal(parseSender('ABCDEFGHIJ1').ok, true)
  })

  test('rejects an alphanumeric ID of 12 characters', () => {
    assert.match(messageOf(parseSender('TwelveChars1')), /at most 11 characters/)
  })

  test('rejects punctuation in an alphanumeric ID and names the character', () => {
    assert.match(messageOf(parseSender('Shop-Now')), /not '-'/)
  })

  test('rejects letters outside A-Z', () => {
    assert.match(messageOf(parseSender('Café')), /not 'é'/)
  })

  test('rejects an ID of digits and spaces without a letter', () => {
    assert.match(messageOf(parseSender('12 34')), /at least one letter/)
  })

  test('rejects an ID with a leading or trailing space', () => {
    assert.match(messageOf(parseSender(' Nudge')), /start or end with a space/)
    assert.match(messageOf(parseSender('Nudge ')), /start or end with a space/)
  })

  test('lists every rule an alphanumeric ID breaks', () => {
    const message = messageOf(parseSender('Shop-Now-Today'))

    assert.match(message, /at most 11 characters/)
    assert.match(message, /not '-'/)
  })

  test('reads 3 to 8 digits as a short code with TON 3', () => {
    assert.deepEqual(parseSender('12345'), {
      ok: true,
      sender: { kind: 'short_code', address: '12345', ton: 3, npi: 0 },
    })
    assert.equal(parseSender('123').ok, true)
    assert.equal(parseSender('12345678').ok, true)
  })

  test('rejects digit strings too short for a short code or without + for a long code', () => {
    assert.match(messageOf(parseSender('12')), /3 to 8 digits/)
    assert.match(messageOf(parseSender('447400123456')), /needs \+/)
  })

  test('reads a valid E.164 number as a long code without + and with TON 1 NPI 1', () => {
    assert.deepEqual(parseSender('+447400123456'), {
      ok: true,
      sender: { kind: 'long_code', address: '447400123456', ton: 1, npi: 1 },
    })
  })

  // 07700 900xxx is Ofcom's drama range: right length, never assigned, so the full metadata
  // does not count it as valid and a carrier would not deliver from it.
  test('rejects a long code outside the numbering plan', () => {
    assert.match(messageOf(parseSender('+447700900123')), /valid phone number/)
  })

  test('rejects a long code written with spaces', () => {
    assert.match(messageOf(parseSender('+44 7400 123456')), /no spaces/)
  })

  test('rejects an empty sender', () => {
    assert.deepEqual(parseSender(''), {
      ok: false,
      code: 'SENDER_INVALID',
      message: 'the sender is empty',
    })
  })
})

function messageOf(result: SenderResult): string {
  assert.equal(result.ok, false)
  return result.ok ? '' : result.message
}
