import { NudgeError } from '../../runtime/index.js'

/**
 * Why a discount code could not be created on the store's platform:
 * - `DISCOUNT_REJECTED`: the platform answered with an error status;
 * - `DISCOUNT_UNREACHABLE`: no answer came back (DNS, refused or reset connection, TLS);
 * - `DISCOUNT_TIMED_OUT`: the answer did not come within the timeout;
 * - `DISCOUNT_NOT_CONFIGURED`: the store has no platform to create codes on, or no credentials.
 */
export type DiscountFailure =
  'DISCOUNT_REJECTED' | 'DISCOUNT_UNREACHABLE' | 'DISCOUNT_TIMED_OUT' | 'DISCOUNT_NOT_CONFIGURED'

/**
 * A discount code was not created. `retryable` is decided where the failure is seen: a 5xx,
 * a 429 or no answer may pass; a refused credential or a rejected body will not. The message
 * is safe to store and show: it never holds credentials or the platform's answer text.
 */
export class DiscountCreationError extends NudgeError {
  readonly code: DiscountFailure
  readonly retryable: boolean
  /** HTTP status the platform answered, when it answered at all. */
  readonly statusCode: number | null

  constructor(
    code: DiscountFailure,
    message: string,
    options: { retryable: boolean; statusCode?: number; cause?: unknown },
  ) {
    super(message, { details: { statusCode: options.statusCode ?? null }, cause: options.cause })
    this.code = code
    this.retryable = options.retryable
    this.statusCode = options.statusCode ?? null
  }
}
