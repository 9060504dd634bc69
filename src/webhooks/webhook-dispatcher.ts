import { Agent } from 'undici'
import type { Logger } from '../runtime/index.js'
import { postWebhook } from './post-webhook.js'
import {
  claimDueDeliveries,
  recordAttempt,
  type AttemptOutcome,
  type AttemptResult,
  type ClaimedDelivery,
} from './webhook-store.js'
import {
  resolveDispatcherSettings,
  type DispatcherSettings,
  type WebhookDispatcherOptions,
} from './webhook-dispatcher-options.js'

/** Counts since the dispatcher was made, for metrics. */
export interface WebhookDispatcherStats {
  /** Deliveries acknowledged with a 2xx. */
  readonly delivered: number
  /** Deliveries that became dead letters. */
  readonly failed: number
  /** Failed attempts that were rescheduled. */
  readonly retried: number
  /** Attempts out right now. */
  readonly inFlight: number
}

/**
 * Sends due webhook deliveries: claims a batch, POSTs each one signed over one shared
 * keep-alive pool, and records the outcomes in group commits. It looks for work every
 * `pollIntervalMs`, and at once after `wake()`, so a fresh event does not wait for the timer.
 *
 * Limitation: concurrency is shared by all stores, so one store whose endpoint hangs until
 * the timeout can hold many slots and slow the others' webhooks down.
 */
export class WebhookDispatcher {
  readonly #options: WebhookDispatcherOptions
  readonly #settings: DispatcherSettings
  readonly #inFlight = new Set<Promise<void>>()
  #agent: Agent | undefined
  #shutdown = new AbortController()
  #isRunning = false
  #timer: NodeJS.Timeout | undefined
  #pass: Promise<void> | undefined
  #isWakeRequested = false
  #mayHaveMore = false
  #delivered = 0
  #failed = 0
  #retried = 0

  constructor(options: WebhookDispatcherOptions) {
    this.#options = options
    this.#settings = resolveDispatcherSettings(options)
  }

  /** Starts the poll loop; does nothing if it already runs. */
  start(): void {
    if (this.#isRunning) return
    this.#isRunning = true
    const { concurrency, pollIntervalMs, requestTimeoutMs } = this.#settings
    this.#options.logger.info(
      { concurrency, pollIntervalMs, requestTimeoutMs },
      'webhook dispatcher started',
    )
    this.#scheduleLook(0)
  }

  /** Looks for due deliveries now; call it after committing new ones. */
  wake(): void {
    if (this.#isRunning) this.#scheduleLook(0)
  }

  /**
   * Claims one batch, sends it and resolves once every outcome is committed, returning how
   * many deliveries were attempted. For tests and one-shot commands; it may run beside the
   * loop, as claimed deliveries are leased.
   */
  async runOnce(): Promise<number> {
    const attempts = await this.#claimAndSend()
    await Promise.all(attempts)
    return attempts.length
  }

  /**
   * Stops looking for work and waits for attempts in flight, at most `stopTimeoutMs`; those
   * still out then are cut short and recorded as retryable failures. Closes the pool.
   */
  async stop(): Promise<void> {
    const wasRunning = this.#isRunning
    this.#isRunning = false
    clearTimeout(this.#timer)
    this.#timer = undefined
    await this.#pass

    const isSettled = await settleWithin([...this.#inFlight], this.#settings.stopTimeoutMs)
    if (!isSettled) {
      this.#options.logger.warn({ inFlight: this.#inFlight.size }, 'webhook attempts cut short')
      this.#shutdown.abort()
      await Promise.all([...this.#inFlight])
    }

    const agent = this.#agent
    this.#agent = undefined
    this.#shutdown = new AbortController()
    await agent?.close()
    if (wasRunning) this.#options.logger.info(this.stats(), 'webhook dispatcher stopped')
  }

  stats(): WebhookDispatcherStats {
    return {
      delivered: this.#delivered,
      failed: this.#failed,
      retried: this.#retried,
      inFlight: this.#inFlight.size,
    }
  }

  #scheduleLook(delayMs: number): void {
    if (this.#pass !== undefined) {
      if (delayMs === 0) this.#isWakeRequested = true
      return
    }
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.#look(), delayMs)
  }

  async #look(): Promise<void> {
    this.#timer = undefined
    if (!this.#isRunning) return

    this.#isWakeRequested = false
    this.#pass = this.#claimAndSend().then(
      () => undefined,
      // The database may be briefly busy; the next look tries again.
      (err: unknown) => this.#options.logger.error({ err }, 'webhook claim failed'),
    )
    await this.#pass
    this.#pass = undefined

    if (!this.#isRunning) return
    const hasRoom = this.#inFlight.size < this.#settings.concurrency
    const isUrgent = this.#isWakeRequested || (this.#mayHaveMore && hasRoom)
    this.#scheduleLook(isUrgent ? 0 : this.#settings.pollIntervalMs)
  }

  async #claimAndSend(): Promise<readonly Promise<void>[]> {
    const { batchSize, concurrency, leaseMs } = this.#settings
    const limit = Math.min(batchSize, concurrency - this.#inFlight.size)
    if (limit <= 0) {
      this.#mayHaveMore = true
      return []
    }

    const nowMs = this.#options.clock.now()
    // Claims and outcomes are bookkeeping: if the machine loses them, a webhook is sent again,
    // which receivers must tolerate anyway (deliveries are at least once).
    const claimed = await this.#options.groupCommit.run(
      (trx) => claimDueDeliveries(trx, { nowMs, limit, leaseMs }),
      'relaxed',
    )
    this.#mayHaveMore = claimed.length === limit

    return claimed.map((delivery) => this.#track(this.#send(delivery)))
  }

  #track(attempt: Promise<void>): Promise<void> {
    this.#inFlight.add(attempt)
    void attempt.then(() => {
      this.#inFlight.delete(attempt)
      // A full claim left due deliveries behind. Refilling once half the slots are free,
      // rather than at every freed slot, keeps claims in batches: one claim per delivery
      // would cost a transaction each and cap the rate far below what the slots allow.
      const isHalfFree = this.#inFlight.size <= this.#settings.concurrency / 2
      if (this.#mayHaveMore && isHalfFree) this.wake()
    })
    return attempt
  }

  /** Never rejects: whatever goes wrong is logged and the lease brings the delivery back. */
  async #send(delivery: ClaimedDelivery): Promise<void> {
    const { clock, groupCommit, schedule } = this.#options
    const log = this.#options.logger.child({
      deliveryId: delivery.id,
      storeId: delivery.storeId,
      eventId: delivery.eventId,
    })

    try {
      const result = await postWebhook({
        dispatcher: this.#pool(),
        delivery,
        timestampSeconds: Math.floor(clock.now() / 1000),
        timeoutMs: this.#settings.requestTimeoutMs,
        signal: this.#shutdown.signal,
      })
      const outcome = await groupCommit.run(
        (trx) => recordAttempt(trx, { delivery, result, nowMs: clock.now(), schedule }),
        'relaxed',
      )
      this.#report({ log, result, outcome })
    } catch (err) {
      log.error({ err }, 'webhook outcome not recorded')
    }
  }

  #report(attempt: {
    readonly log: Logger
    readonly result: AttemptResult
    readonly outcome: AttemptOutcome
  }): void {
    const { log, result, outcome } = attempt
    const err = result.ok ? undefined : result.error
    const statusCode = result.ok ? result.statusCode : result.error.statusCode

    switch (outcome.outcome) {
      case 'delivered':
        this.#delivered++
        log.debug({ statusCode, attempts: outcome.attempts }, 'webhook delivered')
        return
      case 'retry_scheduled':
        this.#retried++
        log.warn(
          { err, statusCode, attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAtMs },
          'webhook retry scheduled',
        )
        return
      case 'dead_lettered':
        this.#failed++
        log.error({ err, statusCode, attempts: outcome.attempts }, 'webhook dead-lettered')
        return
      case 'lease_lost':
        log.debug({ statusCode }, 'webhook outcome superseded')
        return
    }
  }

  #pool(): Agent {
    const timeoutMs = this.#settings.requestTimeoutMs
    this.#agent ??= new Agent({
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connect: { timeout: timeoutMs },
    })
    return this.#agent
  }
}

/** Resolves true once every promise has settled, or false after `timeoutMs`. */
async function settleWithin(
  promises: readonly Promise<void>[],
  timeoutMs: number,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  try {
    return await Promise.race([Promise.all(promises).then(() => true), timedOut])
  } finally {
    clearTimeout(timer)
  }
}
