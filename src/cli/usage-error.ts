import { NudgeError } from '../runtime/index.js'

/** The command line cannot be understood; the usage text follows the message. */
export class UsageError extends NudgeError {
  readonly code = 'USAGE'
}
