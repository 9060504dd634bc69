import { NudgeError } from '../runtime/index.js'

/** A segment the carrier adapter cannot put on the wire as given; sending it again won't help. */
export class InvalidSegmentError extends NudgeError {
  readonly code = 'INVALID_SEGMENT'
  readonly retryable = false
}

/** The SMSC could not be reached, or the connection failed before the bind completed. */
export class SmscUnreachableError extends NudgeError {
  readonly code = 'SMSC_UNREACHABLE'
  readonly retryable = true
}

/** The SMSC refused the bind, or never answered it. */
export class BindFailedError extends NudgeError {
  readonly code = 'BIND_FAILED'
  readonly retryable = true
}
