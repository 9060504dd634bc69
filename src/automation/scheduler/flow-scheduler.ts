import type { Clock, Logger } from '../../runtime/index.js'
import type { GroupCommit } from '../../storage/index.js'
import { claimDueSteps, type ClaimedStep } from './step-claims.js'

/** Carries out one claimed step; what it records is guarded by the step's claim. */
export interface StepRunner {
  run(step: ClaimedStep): Promise<void>
}

export interface FlowSchedulerOptions {
  readonly groupCommit: GroupCommit
  /** Source of due times; the poll timer runs on real time. */
  readonly clock: Clock
  readonly logger: Logger
  readonly runner: StepRunner
  /** Wait between looks for due steps, in ms. Default 1000. */
  readonly pollIntervalMs?: number
  /** Most steps taken per look. Default 16. */
  readonly batchSize?: number
  /**
   * How long a claimed step stays with this scheduler, in ms; it must cover creating a
   * discount code and committing the message. Default 120000.
   */
  readonly leaseMs?: number
}

/**
 * Runs flow steps when they are due. Steps wait in the database, so they survive restarts;
 * each look claims a batch (with `SKIP LOCKED` on PostgreSQL, so every step goes to one
 * scheduler across a cluster) and runs them. Run it on the sending side only.
 *
 * Limitation: a step claimed by a process that stopped waits until its lease ends (two
 * minutes by default) before another look takes it.
 */
export class FlowScheduler {
  readonly #options: FlowSchedulerOptions
  readonly #pollIntervalMs: number
  readonly #batchSize: number
  readonly #leaseMs: number
  #isRunning = false
  #timer: NodeJS.Timeout | undefined
  #pass: Promise<void> | undefined

  constructor(options: FlowSchedulerOptions) {
    this.#options = options
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000
    this.#batchSize = options.batchSize ?? 16
    this.#leaseMs = options.leaseMs ?? 120_000
  }

  start(): void {
    if (this.#isRunning) return
    this.#isRunning = true
    this.#options.logger.info(
      { pollIntervalMs: this.#pollIntervalMs, batchSize: this.#batchSize },
      'flow scheduler started',
    )
    this.#schedule(0)
  }

  /** Looks for due steps now rather than at the next poll. */
  wake(): void {
    if (this.#isRunning && this.#pass === undefined) this.#schedule(0)
  }

  /**
   * Claims one batch of due steps, runs them and resolves once all are done, returning how
   * many were claimed. For tests and one-shot use; it may run beside the loop.
   */
  async runOnce(): Promise<number> {
    const nowMs = this.#options.clock.now()
    // A claim lost with the machine costs only a wait: the lease runs out and the step is due.
    const steps = await this.#options.groupCommit.run(
      (trx) => claimDueSteps(trx, { nowMs, limit: this.#batchSize, leaseMs: this.#leaseMs }),
      'relaxed',
    )
    await Promise.all(steps.map((step) => this.#runStep(step)))
    return steps.length
  }

  /** Stops looking and waits for the steps being run. */
  async stop(): Promise<void> {
    const wasRunning = this.#isRunning
    this.#isRunning = false
    clearTimeout(this.#timer)
    this.#timer = undefined
    await this.#pass
    if (wasRunning) this.#options.logger.info('flow scheduler stopped')
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.#look(), delayMs)
  }

  async #look(): Promise<void> {
    this.#timer = undefined
    if (!this.#isRunning) return

    let claimed = 0
    this.#pass = this.runOnce().then(
      (count) => {
        claimed = count
      },
      // The database may be briefly unreachable; the next look tries again.
      (err: unknown) => this.#options.logger.error({ err }, 'flow step claim failed'),
    )
    await this.#pass
    this.#pass = undefined

    if (this.#isRunning) this.#schedule(claimed === this.#batchSize ? 0 : this.#pollIntervalMs)
  }

  /** Never rejects: a step that failed unexpectedly is due again when its lease ends. */
  async #runStep(step: ClaimedStep): Promise<void> {
    try {
      await this.#options.runner.run(step)
    } catch (err) {
      this.#options.logger.error(
        { err, flowRunId: step.runId, storeId: step.storeId, stepId: step.id },
        'flow step failed',
      )
    }
  }
}
