import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { DashboardPasswordError } from '../errors.js'

/** Shortest dashboard password accepted, in characters. */
export const MIN_PASSWORD_LENGTH = 10

/** Longest, in characters: any length hashes alike, but a bound keeps a login's work small. */
export const MAX_PASSWORD_LENGTH = 1024

/** scrypt's work factors: N = 2^logN (cost), r (block size), p (parallel passes). */
export interface ScryptCost {
  readonly logN: number
  readonly r: number
  readonly p: number
}

/**
 * One of the settings OWASP lists as equal in strength (N = 2^15, r = 8, p = 3): 32 MiB of
 * memory and a few hundred milliseconds per hash, spent off the event loop.
 */
export const DEFAULT_SCRYPT_COST: ScryptCost = { logN: 15, r: 8, p: 3 }

const SALT_BYTES = 16
const KEY_BYTES = 32

/**
 * Stored as `$scrypt$ln=15,r=8,p=3$<salt>$<key>` (the PHC string form, base64 without
 * padding): the cost travels with each hash, so a later, higher default still verifies the
 * passwords set before it.
 */
const ENCODED =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/

/** Refuses a password the dashboard will not take, saying why. */
export function checkPasswordLength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new DashboardPasswordError(
      `the dashboard password must be at least ${MIN_PASSWORD_LENGTH} characters long`,
    )
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new DashboardPasswordError(
      `the dashboard password must be at most ${MAX_PASSWORD_LENGTH} characters long`,
    )
  }
}

/** Hashes a password with a fresh random salt; refuses one of the wrong length. */
export async function hashPassword(
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<string> {
  checkPasswordLength(password)
  const salt = randomBytes(SALT_BYTES)
  const key = await deriveKey(password, salt, KEY_BYTES, cost)
  const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '')
  return `$scrypt$ln=${cost.logN},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(key)}`
}

/**
 * Whether `password` is the one `encoded` was made from. A hash this code cannot read, or
 * whose cost is out of bounds, matches nothing. Keys are compared in constant time.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = ENCODED.exec(encoded)
  if (match === null || password.length > MAX_PASSWORD_LENGTH) return false
  const cost = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) }
  const salt = Buffer.from(match[4]!, 'base64')
  const expected = Buffer.from(match[5]!, 'base64')
  if (!isSaneCost(cost) || expected.length < 16) return false

  const actual = await deriveKey(password, salt, expected.length, cost)
  return timingSafeEqual(actual, expected)
}

/** Bounds on a stored cost, so a tampered row cannot make one login take the whole machine. */
function isSaneCost(cost: ScryptCost): boolean {
  return (
    cost.logN >= 10 &&
    cost.logN <= 20 &&
    cost.r >= 1 &&
    cost.r <= 32 &&
    cost.p >= 1 &&
    cost.p <= 16 &&
    memoryBytes(cost) <= 256 * 1024 * 1024
  )
}

function memoryBytes(cost: ScryptCost): number {
  return 128 * 2 ** cost.logN * cost.r
}

function deriveKey(
  password: string,
  salt: Buffer,
  keyBytes: number,
  cost: ScryptCost,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const options = { N: 2 ** cost.logN, r: cost.r, p: cost.p, maxmem: 2 * memoryBytes(cost) }
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) =>
      err === null ? resolve(key) : reject(err),
    )
  })
}
