import { NudgeError } from '../runtime/index.js'

/** The database could not be opened, migrated or written. */
export class StorageError extends NudgeError {
  readonly code = 'STORAGE_FAILED'
}
