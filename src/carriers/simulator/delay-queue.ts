import type { Clock } from '../../runtime/index.js'

interface Task {
  readonly dueMs: number
  readonly run: () => void
}

/**
 * Runs tasks a fixed delay after they were added, in order. With one delay for all, the queue
 * is already sorted by due time, so one timer serves it, however many receipts are pending.
 */
export class DelayQueue {
  readonly #delayMs: number
  readonly #clock: Clock
  #tasks: Task[] = []
  #head = 0
  #timer: NodeJS.Timeout | undefined

  constructor(delayMs: number, clock: Clock) {
    this.#delayMs = delayMs
    this.#clock = clock
  }

  get size(): number {
    return this.#tasks.length - this.#head
  }

  add(run: () => void): void {
    this.#tasks.push({ dueMs: this.#clock.now() + this.#delayMs, run })
    if (this.#timer === undefined) this.#arm()
  }

  /** Drops every pending task. */
  clear(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#tasks = []
    this.#head = 0
  }

  #arm(): void {
    const next = this.#tasks[this.#head]
    if (next === undefined) return
    this.#timer = setTimeout(() => this.#runDue(), Math.max(0, next.dueMs - this.#clock.now()))
  }

  #runDue(): void {
    this.#timer = undefined
    const nowMs = this.#clock.now()

    while (this.#head < this.#tasks.length && this.#tasks[this.#head]!.dueMs <= nowMs) {
      this.#tasks[this.#head++]!.run()
    }
    // Drop the run part now and then rather than shifting the array on every task.
    if (this.#head > 1024 && this.#head * 2 > this.#tasks.length) {
      this.#tasks = this.#tasks.slice(this.#head)
      this.#head = 0
    }
    this.#arm()
  }
}
