/**
 * The source of time for everything that waits, schedules or stamps. Production code gets
 * {@link systemClock}; tests pass a {@link ManualClock} and move it instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  #nowMs: number

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#nowMs = startMs
  }

  now(): number {
    return this.#nowMs
  }

  advance(ms: number): void {
    this.#nowMs += ms
  }

  set(ms: number): void {
    this.#nowMs = ms
  }
}
