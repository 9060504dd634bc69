/**
 * Base of every expected failure in Nudge. `code` is stable and safe to branch on; `details`
 * holds safe, structured facts (never secrets or full phone numbers). HTTP mapping lives in
 * the API layer, so capabilities stay usable from the CLI and workers.
 */
export abstract class NudgeError extends Error {
  abstract readonly code: string
  readonly details: Readonly<Record<string, unknown>>

  constructor(
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.details = Object.freeze({ ...options.details })
  }
}

/** One invalid field of a request, as reported to the caller. */
export interface FieldProblem {
  /** JSON pointer-like path of the field, e.g. `/to`. */
  readonly field: string
  readonly code: string
  readonly message: string
}

/** Input failed validation; every problem is listed at once. */
export class ValidationError extends NudgeError {
  readonly code = 'VALIDATION_FAILED'
  readonly problems: readonly FieldProblem[]

  constructor(problems: readonly FieldProblem[]) {
    super(`${problems.length} invalid field(s): ${problems.map((p) => p.field).join(', ')}`)
    this.problems = problems
  }
}

export class NotFoundError extends NudgeError {
  readonly code = 'NOT_FOUND'

  constructor(what: string, id: string) {
    super(`${what} ${id} was not found`, { details: { what, id } })
  }
}
