import { randomInt } from 'node:crypto'

/**
 * Base32 without the characters people misread in a text message: no 0 or O, no 1 or I.
 * Thirty-two symbols, so eight of them carry 40 random bits.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Random characters after the prefix. */
export const DISCOUNT_CODE_LENGTH = 8

/** The prefix when the store sets none. */
export const DEFAULT_DISCOUNT_PREFIX = 'NUDGE-'

/** A fresh code: the store's prefix and eight random characters, e.g. `NUDGE-7KQ3XM2P`. */
export function newDiscountCode(prefix: string): string {
  let code = prefix
  for (let i = 0; i < DISCOUNT_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)]
  return code
}

/** True for a prefix a code may start with: up to 12 capital letters, digits, `-` or `_`. */
export function isDiscountPrefix(prefix: string): boolean {
  return /^[A-Z0-9_-]{0,12}$/.test(prefix)
}
