import { NudgeError, type FieldProblem } from '../runtime/index.js'

/** A platform webhook does not carry a valid signature made with the store's secret. */
export class WebhookSignatureError extends NudgeError {
  readonly code = 'WEBHOOK_SIGNATURE_INVALID'
}

/**
 * A signed webhook's payload lacks what its topic needs, or has it in the wrong form; nothing
 * was recorded. `problems` names each bad field by its path in the payload.
 */
export class WebhookPayloadError extends NudgeError {
  readonly code = 'WEBHOOK_PAYLOAD_INVALID'
  readonly problems: readonly FieldProblem[]

  constructor(topic: string, problems: readonly FieldProblem[]) {
    const fields = problems.map((p) => `${p.field} ${p.message}`).join('; ')
    super(`the ${topic} payload cannot be used: ${fields}`, { details: { topic } })
    this.problems = problems
  }
}

/** The store event's idempotency key was used before with a different body. */
export class EventKeyReusedError extends NudgeError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED'

  constructor(key: string) {
    super('this Idempotency-Key was already used with a different event', {
      details: { idempotency_key: key },
    })
  }
}

/** A sample event cannot be sent: the store lacks what its platform needs, or a checkout. */
export class SampleUnavailableError extends NudgeError {
  readonly code = 'SAMPLE_UNAVAILABLE'
}
