// The `max` build carries the full per-country number plans; the default build only checks
// lengths, so it would accept numbers no operator has ever assigned.
import {
  isSupportedCountry,
  ParseError,
  parsePhoneNumberWithError,
  type PhoneNumber,
} from 'libphonenumber-js/max'

export type RecipientProblem = 'PHONE_INVALID' | 'PHONE_NOT_POSSIBLE' | 'PHONE_COUNTRY_REQUIRED'

export type RecipientResult =
  | { readonly ok: true; readonly e164: string; readonly country: string }
  | { readonly ok: false; readonly code: RecipientProblem; readonly message: string }

/**
 * Reads a recipient as typed by a person or a store: E.164 (`+44 20 7946 0018`, spaces,
 * dashes and brackets allowed) or, when `defaultCountry` (ISO 3166 alpha-2) is given, national
 * form (`020 7946 0018`) and that country's international prefix (`0044…`). The number must
 * exist in its country's numbering plan, not merely have a plausible length.
 */
export function parseRecipient(input: string, defaultCountry?: string): RecipientResult {
  const text = input.trim()
  const country = defaultCountry?.toUpperCase()
  if (!text.startsWith('+') && country !== undefined && !isSupportedCountry(country)) {
    return failure('PHONE_COUNTRY_REQUIRED', `default country ${country} is not a known country`)
  }

  const parsed = parseStrictly(text, country)
  if (!parsed.ok) return parsed

  return checkNumber(parsed.number)
}

/** ISO 3166 alpha-2 country of a valid E.164 number, or undefined when it has none. */
export function countryOfNumber(e164: string): string | undefined {
  const parsed = parseStrictly(e164, undefined)
  return parsed.ok && parsed.number.isValid() ? parsed.number.country : undefined
}

type ParseOutcome =
  | { readonly ok: true; readonly number: PhoneNumber }
  | { readonly ok: false; readonly code: RecipientProblem; readonly message: string }

function parseStrictly(text: string, country: string | undefined): ParseOutcome {
  const defaultCountry = country !== undefined && isSupportedCountry(country) ? country : undefined

  try {
    // Without `extract: false` the library would pick a number out of any surrounding text.
    const number = parsePhoneNumberWithError(text, { defaultCountry, extract: false })
    return { ok: true, number }
  } catch (error) {
    if (!(error instanceof ParseError)) throw error
    return failureFromParseError(error.message, text.startsWith('+'))
  }
}

function failureFromParseError(reason: string, isInternational: boolean): ParseOutcome {
  switch (reason) {
    case 'TOO_SHORT':
    case 'TOO_LONG':
    case 'INVALID_LENGTH':
      return failure('PHONE_NOT_POSSIBLE', 'the number has the wrong number of digits')
    // The library gives this reason both for an unknown calling code after + and for a
    // national number with no country to read it in.
    case 'INVALID_COUNTRY':
      return isInternational
        ? failure('PHONE_INVALID', 'the country calling code does not exist')
        : failure('PHONE_COUNTRY_REQUIRED', 'a number without + needs a default country')
    default:
      return failure('PHONE_INVALID', 'this is not a phone number')
  }
}

function checkNumber(number: PhoneNumber): RecipientResult {
  if (!number.isPossible()) {
    return failure(
      'PHONE_NOT_POSSIBLE',
      `the number has the wrong length for +${number.countryCallingCode}`,
    )
  }
  if (!number.isValid()) {
    return failure('PHONE_INVALID', 'the number is not in use in its country')
  }
  // Dropping the extension would send to a switchboard that cannot pass a text on.
  if (number.ext !== undefined) {
    return failure('PHONE_INVALID', 'a number with an extension cannot receive SMS')
  }
  // International freephone and satellite codes (+800, +881, …) belong to no country, so no
  // route or price can be chosen for them.
  if (number.country === undefined) {
    return failure('PHONE_INVALID', `+${number.countryCallingCode} numbers belong to no country`)
  }

  return { ok: true, e164: number.number, country: number.country }
}

function failure(
  code: RecipientProblem,
  message: string,
): { readonly ok: false; readonly code: RecipientProblem; readonly message: string } {
  return { ok: false, code, message }
}
