import type { OutboundSegment, SubmitOutcome } from '../carriers/index.js'
import type { MessageRow, Segment } from '../messaging/index.js'
import { parseSender } from '../messaging/index.js'
import type { Clock, Logger } from '../runtime/index.js'
import type { Route } from './route-table.js'
import { SegmentRateLimiter } from './segment-rate-limiter.js'

/** A claimed message while its segments go out. */
export interface MessageInFlight {
  readonly row: MessageRow
  readonly segments: readonly Segment[]
  /** Segments whose acceptance by the SMSC is recorded (1-based). */
  readonly accepted: Set<number>
  /** Set once the message failed or was handed back; its other segments are dropped. */
  settled: boolean
}

/** What the pipeline hands back for each segment, for the worker to record. */
export interface SegmentResult {
  readonly message: MessageInFlight
  readonly seq: number
  readonly outcome: SubmitOutcome
  readonly submittedAtMs: number
  readonly latencyMs: number
}

export interface RoutePipelineOptions {
  readonly route: Route
  readonly clock: Clock
  readonly logger: Logger
  /**
   * Records a segment's result. The window slot stays taken until the returned promise
   * settles, so after a crash at most one window of segments can have gone out unrecorded.
   */
  readonly onResult: (result: SegmentResult) => Promise<void>
}

/** First pause after a throttle answer; doubles while the SMSC keeps throttling. */
const THROTTLE_PAUSE_MS = 250
const MAX_THROTTLE_PAUSE_MS = 10_000
/** Wait before retrying when no bind is up or a bind dropped mid-submit. */
const UNAVAILABLE_PAUSE_MS = 500

/**
 * Sends the segments of one route: in order, never more than the route's window outstanding,
 * never faster than its segments-per-second limit, slowing down when the SMSC throttles.
 */
export class RoutePipeline {
  readonly route: Route
  readonly #clock: Clock
  readonly #logger: Logger
  readonly #onResult: (result: SegmentResult) => Promise<void>
  readonly #limiter: SegmentRateLimiter
  readonly #waiting: { message: MessageInFlight; seq: number }[] = []
  #inFlight = 0
  #timer: NodeJS.Timeout | undefined
  #throttlePauseMs = THROTTLE_PAUSE_MS
  #idle: (() => void)[] = []
  #isStopped = false

  constructor(options: RoutePipelineOptions) {
    this.route = options.route
    this.#clock = options.clock
    this.#logger = options.logger.child({ routeId: options.route.routeId })
    this.#onResult = options.onResult
    this.#limiter = new SegmentRateLimiter({
      segmentsPerSecond: options.route.segmentsPerSecond,
      clock: options.clock,
    })
  }

  /** Segments waiting or in flight: how much more the worker should hand this route. */
  load(): number {
    return this.#waiting.length + this.#inFlight
  }

  enqueue(message: MessageInFlight): void {
    for (let seq = 1; seq <= message.segments.length; seq++) {
      if (!message.accepted.has(seq)) this.#waiting.push({ message, seq })
    }
    this.#pump()
  }

  /** Resolves once nothing waits or is in flight. */
  idle(): Promise<void> {
    if (this.load() === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idle.push(resolve))
  }

  /**
   * Stops for good: drops every waiting segment (their messages stay claimed and are taken up
   * again after a restart) and sends nothing more; segments in flight still get recorded.
   */
  stop(): void {
    this.#isStopped = true
    this.#waiting.length = 0
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#settleIdle()
  }

  #pump(): void {
    if (this.#isStopped) return this.#settleIdle()
    if (this.#timer !== undefined) return
    while (this.#waiting.length > 0 && this.#inFlight < this.route.window) {
      const next = this.#waiting[0]!
      if (next.message.settled) {
        this.#waiting.shift()
        continue
      }
      if (this.route.carrier.bindsUp() === 0) return this.#retryIn(UNAVAILABLE_PAUSE_MS)

      const waitMs = this.#limiter.tryTake()
      if (waitMs > 0) return this.#retryIn(waitMs)

      this.#waiting.shift()
      void this.#submit(next.message, next.seq)
    }
    this.#settleIdle()
  }

  #retryIn(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#pump()
    }, ms)
  }

  async #submit(message: MessageInFlight, seq: number): Promise<void> {
    this.#inFlight++
    const startedMs = this.#clock.now()
    let outcome: SubmitOutcome
    try {
      outcome = await this.route.carrier.submit(toOutboundSegment(message, seq))
    } catch (err) {
      outcome = { kind: 'unavailable', reason: (err as Error).message }
    }

    if (outcome.kind === 'throttled' || outcome.kind === 'unavailable') {
      this.#holdBack(message, seq, outcome)
    } else {
      this.#throttlePauseMs = THROTTLE_PAUSE_MS
      const latencyMs = this.#clock.now() - startedMs
      await this.#onResult({ message, seq, outcome, submittedAtMs: startedMs, latencyMs }).catch(
        (err: unknown) =>
          this.#logger.error({ err, messageId: message.row.id }, 'segment result not recorded'),
      )
    }

    this.#inFlight--
    this.#pump()
  }

  /** Puts the segment back at the front and pauses the route; nothing is recorded. */
  #holdBack(message: MessageInFlight, seq: number, outcome: SubmitOutcome): void {
    if (this.#isStopped) return
    this.#waiting.unshift({ message, seq })
    if (outcome.kind === 'throttled') {
      this.#limiter.pause(this.#throttlePauseMs)
      this.#logger.warn(
        { status: outcome.statusName, pauseMs: this.#throttlePauseMs },
        'route throttled',
      )
      this.#throttlePauseMs = Math.min(this.#throttlePauseMs * 2, MAX_THROTTLE_PAUSE_MS)
    } else {
      this.#limiter.pause(UNAVAILABLE_PAUSE_MS)
      this.#logger.debug(
        { reason: outcome.kind === 'unavailable' ? outcome.reason : '' },
        'segment held back',
      )
    }
  }

  #settleIdle(): void {
    if (this.load() > 0) return
    for (const resolve of this.#idle.splice(0)) resolve()
  }
}

function toOutboundSegment(message: MessageInFlight, seq: number): OutboundSegment {
  const { row, segments } = message
  const parsed = parseSender(row.sender)
  const sender = parsed.ok ? parsed.sender : { address: row.sender, ton: 5, npi: 0 }
  return {
    sender: { address: sender.address, ton: sender.ton, npi: sender.npi },
    recipient: row.recipient,
    encoding: row.encoding,
    payload: segments[seq - 1]!.payload,
    concat:
      segments.length > 1 ? { reference: row.concat_ref, total: segments.length, seq } : undefined,
    requestReceipt: true,
  }
}
