import { createHmac } from 'node:crypto'

/**
 * Keyed hashes (HMAC-SHA256 under the server's erasure key) that stand in for erased numbers
 * and bodies. The same number always gives the same hash, so an erased recipient's opt-out
 * still applies to that number; without the key the hash cannot be turned back into a number
 * by trying every number there is.
 */
export class KeyedHasher {
  readonly #key: Buffer

  constructor(key: string) {
    this.#key = Buffer.from(key, 'utf8')
  }

  /** The stand-in for a phone number: `hash:` and 64 hex digits. */
  phone(e164: string): string {
    return `hash:${this.#digest(`phone:${e164}`)}`
  }

  /** The stand-in for a message body or other erased text. */
  text(value: string): string {
    return `hash:${this.#digest(`text:${value}`)}`
  }

  #digest(value: string): string {
    return createHmac('sha256', this.#key).update(value).digest('hex')
  }
}

/** Whether a stored number is an erased one's stand-in. */
export function isErasedPhone(phone: string): boolean {
  return phone.startsWith('hash:')
}
