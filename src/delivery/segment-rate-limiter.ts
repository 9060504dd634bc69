import type { Clock } from '../runtime/index.js'

/**
 * Paces one route to its carrier's limit in segments per second, so that no one-second
 * window ever holds more than the limit.
 *
 * A token bucket with burst B refilled at rate R lets B + R·t through in any window of t
 * seconds. Refilling at (limit − B) with B a small slice of the limit therefore keeps every
 * one-second window at or under the limit, while still letting a timer tick release several
 * segments at once.
 */
export class SegmentRateLimiter {
  readonly #clock: Clock
  readonly #burst: number
  readonly #refillPerMs: number
  #tokens: number
  #lastMs: number
  #pausedUntilMs = 0

  constructor(options: { segmentsPerSecond: number; clock: Clock }) {
    this.#clock = options.clock
    const limit = options.segmentsPerSecond
    this.#burst = Math.max(1, Math.floor(limit * 0.02))
    this.#refillPerMs = Math.max(limit - this.#burst, limit / 2) / 1000
    this.#tokens = this.#burst
    this.#lastMs = this.#clock.now()
  }

  /**
   * Takes one segment's token when one is free and returns 0; otherwise returns how many ms
   * to wait before asking again.
   */
  tryTake(): number {
    const nowMs = this.#clock.now()
    if (nowMs < this.#pausedUntilMs) return this.#pausedUntilMs - nowMs

    this.#tokens = Math.min(this.#burst, this.#tokens + (nowMs - this.#lastMs) * this.#refillPerMs)
    this.#lastMs = nowMs
    if (this.#tokens >= 1) {
      this.#tokens -= 1
      return 0
    }
    return Math.max(1, Math.ceil((1 - this.#tokens) / this.#refillPerMs))
  }

  /** Stops the route for a while, as when the carrier answers that it is throttling us. */
  pause(ms: number): void {
    this.#pausedUntilMs = Math.max(this.#pausedUntilMs, this.#clock.now() + ms)
    this.#tokens = 0
  }
}
