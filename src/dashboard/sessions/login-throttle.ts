import type { Clock } from '../../runtime/index.js'

export interface LoginThrottleOptions {
  readonly clock: Clock
  /** Failed logins one address may make within the window. Default 10. */
  readonly maxFailures?: number
  /** The window failures are counted over, in ms. Default 15 minutes. */
  readonly windowMs?: number
  /** Addresses remembered at most; the longest quiet are forgotten first. Default 10,000. */
  readonly maxClients?: number
}

/**
 * Counts failed dashboard logins per client address in memory, to slow down guessing. An
 * address that failed `maxFailures` times within the window waits until its oldest failure
 * leaves the window. A successful login does not clear the count, or a guesser holding one
 * valid key could reset it between guesses at other stores' passwords.
 */
export class LoginThrottle {
  readonly #clock: Clock
  readonly #maxFailures: number
  readonly #windowMs: number
  readonly #maxClients: number
  /** Failure times per address, oldest first; the map is ordered by latest failure. */
  readonly #failures = new Map<string, number[]>()

  constructor(options: LoginThrottleOptions) {
    this.#clock = options.clock
    this.#maxFailures = options.maxFailures ?? 10
    this.#windowMs = options.windowMs ?? 15 * 60 * 1000
    this.#maxClients = options.maxClients ?? 10_000
  }

  /** Seconds `client` must wait before its next login, or 0 when it may go ahead. */
  retryAfterSeconds(client: string): number {
    const recent = this.#recent(client)
    if (recent.length < this.#maxFailures) return 0
    const freeAtMs = recent[recent.length - this.#maxFailures]! + this.#windowMs
    return Math.max(1, Math.ceil((freeAtMs - this.#clock.now()) / 1000))
  }

  /**
   * Counts a failure for `client` and returns its time. A login counts as failed from the
   * moment it starts, so guesses sent in parallel cannot all pass the check together; one
   * that succeeds takes its failure back with {@link forgetFailure}.
   */
  recordFailure(client: string): number {
    const nowMs = this.#clock.now()
    const recent = [...this.#recent(client), nowMs].slice(-this.#maxFailures)
    this.#failures.delete(client)
    this.#failures.set(client, recent)
    if (this.#failures.size > this.#maxClients) {
      this.#failures.delete(this.#failures.keys().next().value as string)
    }
    return nowMs
  }

  /** Takes back one failure recorded at `atMs`, for a login that turned out right. */
  forgetFailure(client: string, atMs: number): void {
    const times = this.#failures.get(client)
    const at = times?.lastIndexOf(atMs) ?? -1
    if (times === undefined || at === -1) return
    times.splice(at, 1)
    if (times.length === 0) this.#failures.delete(client)
  }

  #recent(client: string): number[] {
    const sinceMs = this.#clock.now() - this.#windowMs
    return (this.#failures.get(client) ?? []).filter((atMs) => atMs > sinceMs)
  }
}
