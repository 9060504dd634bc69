import { findNul, NUL_PROBLEM } from '../runtime/index.js'
import { WebhookPayloadError } from './errors.js'

/** An integer literal longer than this may not survive as a JavaScript number. */
const SAFE_DIGITS = 15

/**
 * Parses a platform's JSON body, keeping integers beyond 2^53 as their exact digits in a
 * string. Shopify ids (`820982911946154508`) are larger than a double can hold; read as
 * numbers they would silently become another id. Throws a SyntaxError for invalid JSON.
 */
export function parsePlatformJson(text: string): unknown {
  const parsed: unknown = JSON.parse(text)
  return /\d{16}/.test(text) ? JSON.parse(quoteLongIntegers(text)) : parsed
}

/** A webhook body as JSON; a body that is not JSON is a payload problem like any other. */
export function readPlatformJson(body: Buffer, topic: string): unknown {
  let parsed: unknown
  try {
    parsed = parsePlatformJson(body.toString('utf8'))
  } catch {
    throw new WebhookPayloadError(topic, [
      { field: '/', code: 'JSON_INVALID', message: 'is not valid JSON' },
    ])
  }
  const nulAt = findNul(parsed)
  if (nulAt !== undefined) throw new WebhookPayloadError(topic, [{ field: nulAt, ...NUL_PROBLEM }])
  return parsed
}

/** The JSON text with every integer literal too long for a double put in quotes. */
function quoteLongIntegers(text: string): string {
  let out = ''
  let copiedUpTo = 0
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === '"') {
      i = endOfString(text, i)
      continue
    }
    if (c !== '-' && !isDigit(c)) {
      i++
      continue
    }
    const integerEnd = skipDigits(text, c === '-' ? i + 1 : i)
    const end = endOfNumber(text, integerEnd)
    const digits = integerEnd - i - (c === '-' ? 1 : 0)
    if (end === integerEnd && digits > SAFE_DIGITS) {
      const literal = text.slice(i, end)
      if (!Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(copiedUpTo, i)}"${literal}"`
        copiedUpTo = end
      }
    }
    i = end
  }
  return out + text.slice(copiedUpTo)
}

/** Index just past the string literal that opens at `start`. */
function endOfString(text: string, start: number): number {
  let i = start + 1
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
  return i + 1
}

/** Index just past a number's fraction and exponent, if any, from the end of its integer. */
function endOfNumber(text: string, integerEnd: number): number {
  let i = integerEnd
  if (text[i] === '.') i = skipDigits(text, i + 1)
  if (text[i] === 'e' || text[i] === 'E') {
    i++
    if (text[i] === '+' || text[i] === '-') i++
    i = skipDigits(text, i)
  }
  return i
}

function skipDigits(text: string, from: number): number {
  let i = from
  while (i < text.length && isDigit(text[i]!)) i++
  return i
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9'
}
