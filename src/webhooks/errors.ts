import { NudgeError, type FieldProblem } from '../runtime/index.js'

/** Options given to the retry schedule or the dispatcher are out of range; all are listed. */
export class WebhookConfigError extends NudgeError {
  readonly code = 'WEBHOOK_CONFIG_INVALID'
  readonly problems: readonly FieldProblem[]

  constructor(problems: readonly FieldProblem[]) {
    super(
      `${problems.length} invalid webhook option(s): ${problems.map((p) => p.field).join(', ')}`,
      {
        details: { problems },
      },
    )
    this.problems = problems
  }
}

/**
 * Why one POST to a webhook endpoint did not count as delivered:
 * - `WEBHOOK_REJECTED`: the endpoint answered with a status other than 2xx;
 * - `WEBHOOK_UNREACHABLE`: no answer came back (DNS, refused or reset connection, TLS);
 * - `WEBHOOK_TIMED_OUT`: the answer did not arrive within the request timeout;
 * - `WEBHOOK_ABORTED`: the dispatcher was stopping and cut the request short;
 * - `WEBHOOK_URL_INVALID`: the stored URL is not an absolute http(s) URL.
 */
export type WebhookAttemptFailure =
  | 'WEBHOOK_REJECTED'
  | 'WEBHOOK_UNREACHABLE'
  | 'WEBHOOK_TIMED_OUT'
  | 'WEBHOOK_ABORTED'
  | 'WEBHOOK_URL_INVALID'

/**
 * One attempt failed. `retryable` is decided where the failure is seen, so the retry logic
 * never has to guess from message text. The message is safe to store and show to the store
 * owner: it never holds the URL (which may carry a token), the payload or the secret.
 */
export class WebhookAttemptError extends NudgeError {
  readonly code: WebhookAttemptFailure
  readonly retryable: boolean
  /** HTTP status the endpoint answered, when it answered at all. */
  readonly statusCode: number | null

  constructor(
    code: WebhookAttemptFailure,
    message: string,
    options: { retryable: boolean; statusCode?: number; cause?: unknown },
  ) {
    super(message, { details: { statusCode: options.statusCode ?? null }, cause: options.cause })
    this.code = code
    this.retryable = options.retryable
    this.statusCode = options.statusCode ?? null
  }
}

/** A delivered webhook already reached its endpoint, so there is nothing to retry. */
export class WebhookAlreadyDeliveredError extends NudgeError {
  readonly code = 'WEBHOOK_ALREADY_DELIVERED'

  constructor(deliveryId: string) {
    super(`webhook delivery ${deliveryId} was already delivered`, { details: { deliveryId } })
  }
}
