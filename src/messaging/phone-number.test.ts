import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { countryOfNumber, parseRecipient } from './phone-number.js'

// Numbers are from ranges set aside for drama and examples (NANP 555-01xx, Ofcom 020 7946 0xxx)
// that the full libphonenumber metadata still counts as valid, so no real person is messaged.

describe('parseRecipient', () => {
  test('accepts an E.164 number written with spaces and dashes', () => {
    assert.deepEqual(parseRecipient('+1 202-555-0143'), {
      ok: true,
      e164: '+12025550143',
      country: 'US',
    })
  })

  test('trims spaces around the number', () => {
    assert.deepEqual(parseRecipient('  +44 20 7946 0018  '), {
      ok: true,
      e164: '+442079460018',
      country: 'GB',
    })
  })

  test('reads a national number in the default country', () => {
    assert.deepEqual(parseRecipient('020 7946 0018', 'GB'), {
      ok: true,
      e164: '+442079460018',
      country: 'GB',
    })
  })

  test('accepts the default country in lower case', () => {
    assert.equal(parseRecipient('020 7946 0018', 'gb').ok, true)
  })

  test("reads the default country's international prefix", () => {
    assert.deepEqual(parseRecipient('00 44 20 7946 0018', 'FR'), {
      ok: true,
      e164: '+442079460018',
      country: 'GB',
    })
  })

  test('asks for a country when a national number comes without one', () => {
    const result = parseRecipient('020 7946 0018')

    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.code, 'PHONE_COUNTRY_REQUIRED')
  })

  test('asks for a country when the default country is unknown', () => {
    const result = parseRecipient('020 7946 0018', 'ZZ')

    assert.equal(!result.ok && result.code, 'PHONE_COUNTRY_REQUIRED')
  })

  test('rejects a number too short to exist as not possible', () => {
    assert.equal(codeOf(parseRecipient('+123')), 'PHONE_NOT_POSSIBLE')
    assert.equal(codeOf(parseRecipient('+1202555014')), 'PHONE_NOT_POSSIBLE')
    assert.equal(codeOf(parseRecipient('12345', 'US')), 'PHONE_NOT_POSSIBLE')
  })

  test('rejects a number of possible length outside the numbering plan as invalid', () => {
    assert.equal(codeOf(parseRecipient('+44207946001')), 'PHONE_INVALID')
  })

  test('rejects an unassigned country calling code as invalid', () => {
    assert.equal(codeOf(parseRecipient('+999123456789')), 'PHONE_INVALID')
  })

  test('rejects text around the number rather than picking the number out', () => {
    assert.equal(codeOf(parseRecipient('call +12025550143')), 'PHONE_INVALID')
    assert.equal(codeOf(parseRecipient('')), 'PHONE_INVALID')
    assert.equal(codeOf(parseRecipient('+')), 'PHONE_INVALID')
  })

  test('rejects a number with an extension', () => {
    assert.equal(codeOf(parseRecipient('+1 202 555 0143 ext. 7')), 'PHONE_INVALID')
  })

  test('rejects an international freephone number that belongs to no country', () => {
    assert.equal(codeOf(parseRecipient('+80012345678')), 'PHONE_INVALID')
  })
})

describe('countryOfNumber', () => {
  test('names the country of a valid number', () => {
    assert.equal(countryOfNumber('+12025550143'), 'US')
    assert.equal(countryOfNumber('+442079460018'), 'GB')
  })

  // +44 is shared by the UK and the Crown Dependencies; the number plan tells them apart.
  test('tells countries that share a calling code apart', () => {
    assert.equal(countryOfNumber('+447911123456'), 'GG')
    assert.equal(countryOfNumber('+447400123456'), 'GB')
  })

  test('returns undefined for an invalid number', () => {
    assert.equal(countryOfNumber('+44207946001'), undefined)
    assert.equal(countryOfNumber('not a number'), undefined)
  })
})

function codeOf(result: ReturnType<typeof parseRecipient>): string | undefined {
  return result.ok ? undefined : result.code
}
