import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createQuietHours, type QuietHoursVerdict, type RecipientPlace } from './index.js'

const quietHours = await createQuietHours()
const EIGHT_TO_NINE = { startMinute: 480, endMinute: 1260 }
// Tuesday 2026-01-06, 12:00 UTC: no clock changes or holidays nearby in the zones used here.
const NOON_UTC = Date.parse('2026-01-06T12:00:00Z')

const judge = (place: RecipientPlace, atMs = NOON_UTC): QuietHoursVerdict =>
  quietHours.judge(place, EIGHT_TO_NINE, atMs)
const placeOf = (place: RecipientPlace): Pick<QuietHoursVerdict, 'zones' | 'zoneSource'> => {
  const { zones, zoneSource } = judge(place)
  return { zones, zoneSource }
}
const releaseOf = (verdict: QuietHoursVerdict): string | null =>
  verdict.releaseAtMs === null ? null : new Date(verdict.releaseAtMs).toISOString()

describe('order of the sources of a zone', () => {
  const everything = {
    phone: '+33612345678',
    explicitZone: 'Asia/Tokyo',
    shippingAddress: { countryCode: 'US', provinceCode: 'NY' },
  }

  test('takes the zone recorded on the contact over the address and the number', () => {
    assert.deepEqual(placeOf(everything), { zones: ['Asia/Tokyo'], zoneSource: 'contact' })
  })

  test('ignores a contact zone that does not exist and takes the shipping address', () => {
    assert.deepEqual(placeOf({ ...everything, explicitZone: 'Mars/Olympus' }), {
      zones: ['America/New_York'],
      zoneSource: 'shipping_address',
    })
  })

  test('takes the number when the address names no province of a country of several zones', () => {
    const place = { phone: '+33612345678', shippingAddress: { countryCode: 'US' } }

    assert.deepEqual(placeOf(place), { zones: ['Europe/Paris'], zoneSource: 'phone_number' })
  })

  test('corrects the letter case of a contact zone', () => {
    assert.deepEqual(placeOf({ phone: '+12125550123', explicitZone: 'europe/paris' }).zones, [
      'Europe/Paris',
    ])
  })
})

describe('zones of a shipping address', () => {
  const zonesOf = (countryCode: string, provinceCode?: string): readonly string[] =>
    placeOf({ phone: '+999', shippingAddress: { countryCode, provinceCode } }).zones

  test('reads states, provinces and their ISO 3166-2 form', () => {
    assert.deepEqual(zonesOf('US', 'NY'), ['America/New_York'])
    assert.deepEqual(zonesOf('us', 'US-NY'), ['America/New_York'])
    assert.deepEqual(zonesOf('BR', 'SP'), ['America/Sao_Paulo'])
    assert.deepEqual(zonesOf('AU', 'QLD'), ['Australia/Brisbane'])
  })

  test('lists every zone of a province that keeps two clocks', () => {
    assert.deepEqual(zonesOf('CA', 'BC'), ['America/Vancouver', 'America/Edmonton'])
    assert.deepEqual(zonesOf('US', 'TX'), ['America/Chicago', 'America/Denver'])
    assert.deepEqual(zonesOf('AU', 'NSW'), [
      'Australia/Sydney',
      'Australia/Broken_Hill',
      'Australia/Lord_Howe',
    ])
  })

  test('places a country of one zone from the country alone', () => {
    assert.deepEqual(zonesOf('DE'), ['Europe/Berlin'])
    assert.deepEqual(zonesOf('FR', 'IDF'), ['Europe/Paris'])
  })
})

describe('zones of a number', () => {
  test('places a number of a one-zone country', () => {
    assert.deepEqual(placeOf({ phone: '+33612345678' }).zones, ['Europe/Paris'])
    assert.deepEqual(placeOf({ phone: '+442079460018' }).zones, ['Europe/London'])
  })

  test('places a US number by its area code', () => {
    assert.deepEqual(placeOf({ phone: '+13125550123' }).zones, ['America/Chicago'])
    assert.deepEqual(placeOf({ phone: '+19285550123' }).zones, ['America/Phoenix'])
  })

  // Area code 605 (South Dakota) lists Mountain and Central time. At 14:30 UTC it is 07:30
  // in Denver and 08:30 in Central time, so the message waits for 08:00 in Denver.
  test('waits for the latest opening among the zones of an area code', () => {
    const verdict = judge({ phone: '+16055550123' }, Date.parse('2026-01-06T14:30:00Z'))

    assert.deepEqual(verdict.zones, ['America/Denver', 'America/North_Dakota/Center'])
    assert.deepEqual(verdict.localTimes, ['2026-01-06T07:30:00-07:00', '2026-01-06T08:30:00-06:00'])
    assert.equal(releaseOf(verdict), '2026-01-06T15:00:00.000Z')
  })

  // At 03:00 UTC it is 20:00 in Denver (open) but 21:00 in Central time (closed).
  test('stops at the earliest closing among the zones of an area code', () => {
    const place = { phone: '+16055550123' }

    assert.equal(judge(place, Date.parse('2026-01-07T02:59:00Z')).allowed, true)
    const verdict = judge(place, Date.parse('2026-01-07T03:00:00Z'))
    assert.equal(verdict.allowed, false)
    assert.equal(releaseOf(verdict), '2026-01-07T15:00:00.000Z')
  })

  // A toll-free +1 800 number lists all 42 zones of the North American plan, from Guam
  // (UTC+10) to Pago Pago (UTC-11). On 2026-01-06 Guam opens at 08:00 = 22:00 UTC and
  // Newfoundland (UTC-3:30) closes at 21:00 = 00:30 UTC the next day.
  test('allows a toll-free number only in the hours every North American zone allows', () => {
    const tollFree = { phone: '+18005550123' }
    const held = judge(tollFree)

    assert.equal(held.zones.length, 42)
    assert.ok(held.zones.includes('Pacific/Guam') && held.zones.includes('Pacific/Pago_Pago'))
    assert.equal(releaseOf(held), '2026-01-06T22:00:00.000Z')
    assert.equal(judge(tollFree, Date.parse('2026-01-07T00:29:00Z')).allowed, true)
    assert.equal(
      releaseOf(judge(tollFree, Date.parse('2026-01-07T00:30:00Z'))),
      '2026-01-07T22:00:00.000Z',
    )
  })

  test('places a Russian mobile number in Moscow and a Kazakh one in both zones', () => {
    assert.deepEqual(placeOf({ phone: '+79161234567' }).zones, ['Europe/Moscow'])
    assert.deepEqual(placeOf({ phone: '+77012345678' }).zones, ['Asia/Almaty', 'Asia/Aqtobe'])
  })
})
