import { ESME_RMSGQFUL, ESME_RTHROTTLED } from '../smpp/command-status.js'

/** How the simulator answers submits under load, switchable at run time. */
export type ThrottleSetting =
  | { mode: 'off' }
  /** Every submit is refused with this status (default ESME_RTHROTTLED). */
  | { mode: 'all'; status?: 'ESME_RTHROTTLED' | 'ESME_RMSGQFUL' }
  /** Submits beyond this rate are refused with ESME_RTHROTTLED. */
  | { mode: 'rate'; segmentsPerSecond: number }

/**
 * Decides per submit whether to refuse it. The rate mode is a token bucket holding one second
 * of segments, so a sender pacing exactly at the limit is never refused and a burst is cut off
 * after one second's worth.
 */
export class ThrottlePolicy {
  #setting: ThrottleSetting = { mode: 'off' }
  #tokens = 0
  #lastRefillMs = 0

  set(setting: ThrottleSetting, nowMs: number): void {
    this.#setting = setting
    this.#tokens = setting.mode === 'rate' ? setting.segmentsPerSecond : 0
    this.#lastRefillMs = nowMs
  }

  /** 0 to accept the submit, else the command_status to refuse it with. */
  admit(nowMs: number): number {
    const setting = this.#setting
    if (setting.mode === 'off') return 0
    if (setting.mode === 'all') {
      return setting.status === 'ESME_RMSGQFUL' ? ESME_RMSGQFUL : ESME_RTHROTTLED
    }

    const capacity = Math.max(1, setting.segmentsPerSecond)
    const refill = ((nowMs - this.#lastRefillMs) * setting.segmentsPerSecond) / 1000
    this.#tokens = Math.min(capacity, this.#tokens + refill)
    this.#lastRefillMs = nowMs
    if (this.#tokens < 1) return ESME_RTHROTTLED
    this.#tokens -= 1
    return 0
  }
}
