import { getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js/max'
import type { PhoneZoneMap } from './phone-zones.js'
import { PROVINCE_ZONES } from './province-zones.js'
import type { RecipientPlace, ZoneSource } from './quiet-hours.js'
import { knownZoneName } from './zone-name.js'

const MAX_CACHED_ZONE_NAMES = 1_000
const E164 = /^\+[1-9][0-9]{1,14}$/

export interface RecipientZones {
  readonly zones: readonly string[]
  readonly source: ZoneSource
}

/**
 * Where a recipient is, best source first: the zone recorded on the contact, then the
 * shipping address, then the number. A source that cannot name a zone hands over to the next:
 * an unknown zone name, a province missing for a country of several zones, a number whose
 * prefix has no entry. The number's zones may be several; all of them are returned.
 */
export function createZoneResolver(
  phoneZones: PhoneZoneMap,
): (place: RecipientPlace) => RecipientZones {
  const checkedNames = new Map<string, readonly string[]>()

  const contactZones = (explicitZone: string): readonly string[] => {
    let zones = checkedNames.get(explicitZone)
    if (zones === undefined) {
      const name = knownZoneName(explicitZone.trim())
      zones = name === undefined ? [] : [name]
      if (checkedNames.size >= MAX_CACHED_ZONE_NAMES) checkedNames.clear()
      checkedNames.set(explicitZone, zones)
    }
    return zones
  }

  const addressZones = (
    address: NonNullable<RecipientPlace['shippingAddress']>,
  ): readonly string[] => {
    const country = address.countryCode?.trim().toUpperCase() ?? ''
    const provinces = PROVINCE_ZONES[country]
    if (provinces !== undefined) {
      // Accept `NY` as well as the full ISO 3166-2 form `US-NY`.
      const code = (address.provinceCode ?? '').trim().toUpperCase()
      const province = code.startsWith(`${country}-`) ? code.slice(country.length + 1) : code
      return provinces[province] ?? []
    }
    if (!isSupportedCountry(country)) return []

    // Outside the province table, a country is placed only when all its numbers share a zone.
    const zones = phoneZones.zonesOfCallingCode(getCountryCallingCode(country))
    return zones.length === 1 ? zones : []
  }

  return (place) => {
    if (place.explicitZone != null) {
      const zones = contactZones(place.explicitZone)
      if (zones.length > 0) return { zones, source: 'contact' }
    }
    if (place.shippingAddress != null) {
      const zones = addressZones(place.shippingAddress)
      if (zones.length > 0) return { zones, source: 'shipping_address' }
    }
    const zones = E164.test(place.phone) ? phoneZones.zonesOfNumber(place.phone) : []
    return { zones, source: 'phone_number' }
  }
}
