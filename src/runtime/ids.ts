import { randomBytes } from 'node:crypto'

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A time-ordered id: 10 characters of millisecond timestamp and 16 of randomness in Crockford
 * base32 (the ULID layout), after a short prefix naming the kind (`msg_`, `st_`). Ids sort by
 * creation time as plain strings, which lets lists page newest-first by id alone.
 */
export function newId(prefix: string, nowMs: number): string {
  let time = ''
  let rest = nowMs
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[rest % 32] + time
    rest = Math.floor(rest / 32)
  }

  const random = randomBytes(16)
  let tail = ''
  for (let i = 0; i < 16; i++) tail += CROCKFORD[random[i]! % 32]

  return `${prefix}_${time}${tail}`
}

/** Random secret material, URL-safe, for API keys and signing secrets. */
export function newSecret(prefix: string, bytes = 24): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`
}
