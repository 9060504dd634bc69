import { randomBytes } from 'node:crypto'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Characters in a link code: 62^7 ≈ 3.5 × 10^12 codes, too many to guess a live one. */
export const LINK_CODE_LENGTH = 7

/** Whether `text` could be a link code, before the database is asked. */
export function isLinkCode(text: string): boolean {
  return text.length === LINK_CODE_LENGTH && /^[0-9A-Za-z]+$/.test(text)
}

/**
 * A random link code. Bytes of 248 and above are skipped, so each of the 62 characters is
 * equally likely (248 = 4 × 62); taking every byte modulo 62 would favour the first eight.
 */
export function newLinkCode(): string {
  let code = ''
  while (code.length < LINK_CODE_LENGTH) {
    for (const byte of randomBytes(LINK_CODE_LENGTH * 2)) {
      if (byte < 248 && code.length < LINK_CODE_LENGTH) code += BASE62[byte % 62]
    }
  }
  return code
}
