import {
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max'

// Countries that share a calling code (+7, +44, +262, …) differ within the first six digits
// after it, so numbers with the same such prefix belong to the same country. In the North
// American plan (+1) each three-digit area code belongs to one country.
const SHARED_CODE_PREFIX_DIGITS = 6
const NORTH_AMERICAN_AREA_CODE_DIGITS = 3
const MAX_CACHED_PREFIXES = 50_000

/** The ISO 3166-1 country of an E.164 number, answered from a cache where possible. */
export interface PhoneCountries {
  countryOf(e164: string): string | undefined
}

/**
 * Most calling codes belong to one country and need no parsing. For shared codes the number
 * is parsed with the full libphonenumber metadata (about 10 µs), and the answer is kept per
 * prefix so a batch to one area pays that once.
 */
export function createPhoneCountries(): PhoneCountries {
  const countriesByCode = new Map<string, string[]>()
  for (const country of getCountries()) {
    const code = getCountryCallingCode(country)
    countriesByCode.set(code, [...(countriesByCode.get(code) ?? []), country])
  }
  const byPrefix = new Map<string, string>()

  const countryOfSharedCode = (e164: string, code: string): string | undefined => {
    const digits = code === '1' ? NORTH_AMERICAN_AREA_CODE_DIGITS : SHARED_CODE_PREFIX_DIGITS
    const prefix = e164.slice(0, 1 + code.length + digits)
    const cached = byPrefix.get(prefix)
    if (cached !== undefined) return cached

    const country = parsePhoneNumberFromString(e164)?.country
    // An unassigned number says nothing about its neighbours, so only answers are kept.
    if (country === undefined) return undefined
    if (byPrefix.size >= MAX_CACHED_PREFIXES) byPrefix.clear()
    byPrefix.set(prefix, country)
    return country
  }

  return {
    countryOf(e164) {
      if (!e164.startsWith('+')) return undefined
      // Calling codes are one to three digits and none is the start of another.
      for (let length = 1; length <= 3; length++) {
        const code = e164.slice(1, 1 + length)
        const countries = countriesByCode.get(code)
        if (countries === undefined) continue
        return countries.length === 1 ? countries[0] : countryOfSharedCode(e164, code)
      }
      return undefined
    },
  }
}
