import type { Clock } from './clock.js'

/**
 * A clock that starts at a chosen time and then runs with real time, except that it can be
 * made to run fast up to a target time: `fastForward(target, rate)` lets `rate` ms pass per
 * real ms until `target` is reached, then the clock goes on at real speed from there. It never
 * goes backwards, so a demonstration can let half an hour pass in a few seconds while every
 * claim and lease that is held at the time keeps its length in real time once the target is
 * reached.
 */
export class ScaledClock implements Clock {
  readonly #realNow: () => number
  /** Clock time and real time at the start of the current stretch. */
  #fromMs: number
  #realFromMs: number
  #rate = 1
  #targetMs = Number.POSITIVE_INFINITY

  constructor(startMs: number, realNow: () => number = () => performance.now()) {
    this.#realNow = realNow
    this.#fromMs = startMs
    this.#realFromMs = realNow()
  }

  now(): number {
    const real = this.#realNow()
    const fast = this.#fromMs + (real - this.#realFromMs) * this.#rate
    if (fast <= this.#targetMs) return Math.floor(fast)
    // Past the target: real speed from the moment the target was reached.
    const realAtTarget = this.#realFromMs + (this.#targetMs - this.#fromMs) / this.#rate
    return Math.floor(this.#targetMs + (real - realAtTarget))
  }

  /** Runs `rate` times faster than real time until `targetMs`, then at real speed again. */
  fastForward(targetMs: number, rate: number): void {
    if (!(rate >= 1) || !Number.isFinite(rate)) throw new RangeError('rate must be at least 1')
    const nowMs = this.now()
    this.#fromMs = nowMs
    this.#realFromMs = this.#realNow()
    this.#rate = targetMs > nowMs ? rate : 1
    this.#targetMs = targetMs > nowMs ? targetMs : Number.POSITIVE_INFINITY
  }
}
