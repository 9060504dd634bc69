import { NudgeError } from '../runtime/index.js'

/** The idempotency key was used before for a different request. */
export class IdempotencyConflictError extends NudgeError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED'

  constructor(key: string, messageId: string) {
    super('this Idempotency-Key was already used with a different request', {
      details: { idempotency_key: key, message_id: messageId },
    })
  }
}
