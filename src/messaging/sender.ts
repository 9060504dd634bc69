import { parseRecipient } from './phone-number.js'

export type SenderKind = 'long_code' | 'short_code' | 'alphanumeric'

/** A sender as SMPP addresses it: the address and its type of number and numbering plan. */
export interface Sender {
  readonly kind: SenderKind
  /** Digits without `+` for numbers; the text itself for an alphanumeric sender ID. */
  readonly address: string
  /** SMPP `source_addr_ton`: 1 international, 3 network specific, 5 alphanumeric. */
  readonly ton: number
  /** SMPP `source_addr_npi`: 1 ISDN (E.164), 0 unknown. */
  readonly npi: number
}

export type SenderResult =
  | { readonly ok: true; readonly sender: Sender }
  | { readonly ok: false; readonly code: 'SENDER_INVALID'; readonly message: string }

// TON 1 international with NPI 1 ISDN (E.164), TON 3 network specific, TON 5 alphanumeric;
// NPI 0 is unknown (SMPP 3.4 §5.2.5, §5.2.6).
const ADDRESSING = {
  long_code: { ton: 1, npi: 1 },
  short_code: { ton: 3, npi: 0 },
  alphanumeric: { ton: 5, npi: 0 },
} as const

// An address holds 10 octets, room for 11 packed GSM-7 characters (TS 23.040 §9.1.2.5).
// Carriers commonly allow only ASCII letters, digits and spaces, and filter IDs without a
// letter as spoofed numbers.
const ALPHANUMERIC_MAX_LENGTH = 11

/**
 * Reads a configured sender: `+` and 8–15 digits is a long code, 3–8 digits a short code, and
 * anything else must be an alphanumeric sender ID. The value is taken exactly as written.
 */
export function parseSender(input: string): SenderResult {
  if (input.length === 0) return failure('the sender is empty')
  if (input.startsWith('+')) return parseLongCode(input)
  if (/^\d+$/.test(input)) return parseShortCode(input)
  return parseAlphanumeric(input)
}

function parseLongCode(input: string): SenderResult {
  if (!/^\+\d{8,15}$/.test(input)) {
    return failure('a long code is + and 8 to 15 digits, with no spaces or punctuation')
  }
  const recipient = parseRecipient(input)
  if (!recipient.ok)
    return failure(`a long code must be a valid phone number: ${recipient.message}`)

  return success('long_code', input.slice(1))
}

function parseShortCode(input: string): SenderResult {
  if (input.length < 3 || input.length > 8) {
    return failure('a short code is 3 to 8 digits; a long code needs + and its country code')
  }

  return success('short_code', input)
}

function parseAlphanumeric(input: string): SenderResult {
  const problems: string[] = []
  if (input.length > ALPHANUMERIC_MAX_LENGTH) {
    problems.push(`an alphanumeric sender ID has at most ${ALPHANUMERIC_MAX_LENGTH} characters`)
  }
  const others = [...new Set(input.replace(/[A-Za-z0-9 ]/g, ''))]
  if (others.length > 0) {
    const listed = others.map((ch) => `'${ch}'`).join(', ')
    problems.push(`only letters A-Z, digits and spaces are allowed, not ${listed}`)
  }
  if (!/[A-Za-z]/.test(input)) problems.push('an alphanumeric sender ID needs at least one letter')
  if (input !== input.trim()) problems.push('a sender ID cannot start or end with a space')
  if (problems.length > 0) return failure(problems.join('; '))

  return success('alphanumeric', input)
}

function success(kind: SenderKind, address: string): SenderResult {
  return { ok: true, sender: { kind, address, ...ADDRESSING[kind] } }
}

function failure(message: string): SenderResult {
  return { ok: false, code: 'SENDER_INVALID', message }
}
