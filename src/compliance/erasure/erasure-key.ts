import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { ErasureKeyError } from '../errors.js'

/** Shorter keys are refused: the hashes must not be open to guessing every number. */
export const MIN_ERASURE_KEY_LENGTH = 32

/**
 * The key behind erasure hashes: the configured one, else the one kept in `file`, else a new
 * random key written to `file` (readable by the owner only) for every later start. Without a
 * file (an in-memory database) the key lives as long as the process, like the data it covers.
 * Losing the key does not undo any erasure, but later erasures of the same number would no
 * longer match earlier ones, so keep the file with the database's backups.
 */
export function loadErasureKey(settings: {
  readonly key: string | undefined
  readonly file: string | undefined
}): string {
  if (settings.key !== undefined) return settings.key
  if (settings.file === undefined) return randomBytes(32).toString('base64url')

  const existing = readKeyFile(settings.file)
  if (existing !== undefined) return existing

  const key = randomBytes(32).toString('base64url')
  try {
    // `wx` fails when another process created the file meanwhile; its key is read instead.
    writeFileSync(settings.file, `${key}\n`, { flag: 'wx', mode: 0o600 })
    return key
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(settings.file) ?? key
    throw new ErasureKeyError(`cannot write the erasure key file ${settings.file}`, { cause: err })
  }
}

function readKeyFile(file: string): string | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8').trim()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new ErasureKeyError(`cannot read the erasure key file ${file}`, { cause: err })
  }
  if (text.length < MIN_ERASURE_KEY_LENGTH) {
    throw new ErasureKeyError(
      `the erasure key in ${file} is shorter than ${MIN_ERASURE_KEY_LENGTH} characters`,
    )
  }
  return text
}
