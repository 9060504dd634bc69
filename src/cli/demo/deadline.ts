import { setTimeout as sleep } from 'node:timers/promises'

/** Something in the demo's story did not happen as it should; the message says what. */
export class DemoFailure extends Error {
  override readonly name = 'DemoFailure'
}

/** The demo's time limit: every wait checks it, so the demo ends in bounded time. */
export class Deadline {
  readonly #atMs: number

  constructor(limitMs: number) {
    this.#atMs = Date.now() + limitMs
  }

  /** Waits `ms`, or fails saying `what` did not happen when the time limit would pass. */
  async pause(ms: number, what: string): Promise<void> {
    if (Date.now() + ms > this.#atMs) throw new DemoFailure(`${what} in time`)
    await sleep(ms)
  }
}
