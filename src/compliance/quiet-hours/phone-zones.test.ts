import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { timezones } from 'libphonenumber-geo-carrier'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { loadPhoneZoneMap } from './phone-zones.js'
import { PROVINCE_ZONES } from './province-zones.js'
import { knownZoneName } from './zone-name.js'

const phoneZones = await loadPhoneZoneMap()

describe('number to zone map', () => {
  // The package's own asynchronous lookup is the reference for the synchronous table.
  test('answers as the package lookup does', async () => {
    const numbers = [
      '+12125550123',
      '+16055550123',
      '+12083455555',
      '+18005550123',
      '+14165550123',
      '+33612345678',
      '+442079460018',
      '+441481700123',
      '+79161234567',
      '+77012345678',
      '+61293744000',
      '+5511987654321',
      '+525512345678',
      '+6281234567890',
    ]
    for (const number of numbers) {
      const expected = await timezones(parsePhoneNumberFromString(number))
      assert.deepEqual(phoneZones.zonesOfNumber(number), expected, number)
    }
  })

  test('lists the zones of a whole calling code', () => {
    assert.deepEqual(phoneZones.zonesOfCallingCode('33'), ['Europe/Paris'])
    assert.deepEqual(phoneZones.zonesOfCallingCode('999'), [])
  })

  test('gives no zone for a calling code that does not exist', () => {
    assert.deepEqual(phoneZones.zonesOfNumber('+999123456'), [])
  })
})

describe('province table', () => {
  test('names only zones this runtime knows', () => {
    for (const [country, provinces] of Object.entries(PROVINCE_ZONES)) {
      for (const [province, zones] of Object.entries(provinces)) {
        for (const zone of zones) {
          assert.equal(knownZoneName(zone), zone, `${country}-${province}: ${zone}`)
        }
      }
    }
  })
})
