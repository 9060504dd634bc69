import { randomBytes, randomFillSync } from 'node:crypto'

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

  const random = takeRandom(16)
  let tail = ''
  for (let i = 0; i < 16; i++) tail += CROCKFORD[random[i]! % 32]

  return `${prefix}_${time}${tail}`
}

// Ids are made on every accepted message and event; filling one pool at a time spares a
// call into the system's random source for each.
const pool = Buffer.alloc(4096)
let poolOffset = pool.length

function takeRandom(bytes: number): Buffer {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool)
    poolOffset = 0
  }
  poolOffset += bytes
  return pool.subarray(poolOffset - bytes, poolOffset)
}

/** Random secret material, URL-safe, for API keys and signing secrets. */
export function newSecret(prefix: string, bytes = 24): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`
}
