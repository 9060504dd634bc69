import type { FieldProblem } from '../runtime/index.js'
import { WebhookConfigError } from './errors.js'

export interface RetryScheduleOptions {
  /** Wait after the first failed attempt, in seconds, before jitter. Default 10. */
  readonly initialDelaySeconds?: number
  /** Factor each further wait grows by; 1 keeps the wait constant. Default 2. */
  readonly multiplier?: number
  /** Longest wait between two attempts, in seconds, before jitter. Default 3600 (1 h). */
  readonly maxDelaySeconds?: number
  /**
   * How long a delivery keeps being retried, in seconds from its creation (or from a manual
   * retry); an attempt that would fall later is not made and the delivery becomes a dead
   * letter. Default 86400 (24 h).
   */
  readonly giveUpAfterSeconds?: number
  /** Source of randomness in [0, 1) for the jitter. Default `Math.random`. */
  readonly random?: () => number
}

export interface NextAttemptInput {
  /** Attempts made so far, counting the one that just failed; at least 1. */
  readonly attempts: number
  readonly nowMs: number
  /** When the delivery was created. */
  readonly createdAtMs: number
  /**
   * The delivery's stored expiry, when it is not `createdAtMs + giveUpAfterSeconds` (a manual
   * retry opens a fresh window). The expiry is what decides giving up.
   */
  readonly expiresAtMs?: number
}

/**
 * When to try a failed webhook again: exponential backoff with jitter, capped, until the
 * delivery expires.
 *
 * The wait after attempt n is `initialDelay * multiplier^(n-1)`, capped at `maxDelay`, then
 * multiplied by a random factor between 0.5 and 1. Spreading retries stops the deliveries that
 * failed together during an endpoint outage from all coming back at the same instant; keeping
 * at least half the wait (rather than anything from zero, as AWS's "full jitter" does) means
 * a struggling endpoint is never retried almost at once, and the schedule stays predictable
 * enough to explain to a store owner: with the defaults, about ten retries in the first
 * 2 hours, then one every 30 to 60 minutes until 24 hours have passed.
 */
export class RetrySchedule {
  readonly initialDelaySeconds: number
  readonly multiplier: number
  readonly maxDelaySeconds: number
  readonly giveUpAfterSeconds: number
  readonly #random: () => number

  constructor(options: RetryScheduleOptions = {}) {
    this.initialDelaySeconds = options.initialDelaySeconds ?? 10
    this.multiplier = options.multiplier ?? 2
    this.maxDelaySeconds = options.maxDelaySeconds ?? 3600
    this.giveUpAfterSeconds = options.giveUpAfterSeconds ?? 86_400
    this.#random = options.random ?? Math.random

    const problems = findProblems(this)
    if (problems.length > 0) throw new WebhookConfigError(problems)
  }

  /** The expiry of a delivery created (or manually retried) at `startMs`. */
  expiresAt(startMs: number): number {
    return startMs + this.giveUpAfterSeconds * 1000
  }

  /** The jittered wait after `attempts` failed attempts, in milliseconds. */
  delayMs(attempts: number): number {
    if (!Number.isSafeInteger(attempts) || attempts < 1) {
      throw new RangeError('attempts must be a whole number of at least 1')
    }

    const exponentialSeconds = Math.min(
      this.initialDelaySeconds * this.multiplier ** (attempts - 1),
      this.maxDelaySeconds,
    )
    const factor = 0.5 + 0.5 * this.#random()
    return Math.round(exponentialSeconds * factor * 1000)
  }

  /** When to make the next attempt, or `'give_up'` when it would fall after the expiry. */
  nextAttemptAt(input: NextAttemptInput): number | 'give_up' {
    const expiresAtMs = input.expiresAtMs ?? this.expiresAt(input.createdAtMs)
    const nextMs = input.nowMs + this.delayMs(input.attempts)
    return nextMs > expiresAtMs ? 'give_up' : nextMs
  }
}

function findProblems(schedule: RetrySchedule): FieldProblem[] {
  const problems: FieldProblem[] = []
  const isPositive = (value: number): boolean => Number.isFinite(value) && value > 0
  const requirePositive = (field: string, value: number): void => {
    if (isPositive(value)) return
    problems.push({ field, code: 'NOT_POSITIVE', message: `${field} must be a number above 0` })
  }

  requirePositive('initialDelaySeconds', schedule.initialDelaySeconds)
  if (!Number.isFinite(schedule.multiplier) || schedule.multiplier < 1) {
    problems.push({
      field: 'multiplier',
      code: 'BELOW_ONE',
      message: 'multiplier must be at least 1, or waits would shrink',
    })
  }
  requirePositive('maxDelaySeconds', schedule.maxDelaySeconds)
  const areDelaysPositive =
    isPositive(schedule.initialDelaySeconds) && isPositive(schedule.maxDelaySeconds)
  if (areDelaysPositive && schedule.maxDelaySeconds < schedule.initialDelaySeconds) {
    problems.push({
      field: 'maxDelaySeconds',
      code: 'BELOW_INITIAL_DELAY',
      message: 'maxDelaySeconds must not be below initialDelaySeconds',
    })
  }
  requirePositive('giveUpAfterSeconds', schedule.giveUpAfterSeconds)
  return problems
}
