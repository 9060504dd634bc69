import { splitSegments, transitionMessage } from '../messaging/index.js'
import type { Clock, Logger } from '../runtime/index.js'
import type { Db, GroupCommit, Trx } from '../storage/index.js'
import type { StoreDirectory } from '../stores/index.js'
import {
  claimDueMessages,
  deferMessage,
  recordSegmentAccepted,
  releaseAllClaims,
  releaseRouteClaims,
} from './queue-store.js'
import type { ClaimedMessage } from './queue-store.js'
import { RoutePipeline, type MessageInFlight, type SegmentResult } from './route-pipeline.js'
import type { RouteOwnership } from './route-ownership.js'
import type { Route, RouteTable } from './route-table.js'

export interface DeliveryWorkerOptions {
  readonly db: Db
  readonly groupCommit: GroupCommit
  readonly clock: Clock
  readonly logger: Logger
  readonly routes: RouteTable
  /** The routes this process may send on; the others belong to other workers. */
  readonly ownership: RouteOwnership
  readonly stores: StoreDirectory
  readonly webhookLifetimeMs: number
  /** Called after status changes were committed, so webhooks go out without waiting. */
  readonly onEventsRecorded: () => void
  /** How often the queue is checked when nothing wakes the worker, in ms. Default 200. */
  readonly pollIntervalMs?: number
  /** Told of every segment's submit: seconds to the response, and the outcome kind. */
  readonly observeSubmit?: (latencySeconds: number, outcome: string) => void
}

/** A message with no route is retried this much later, in case a carrier is added. */
const NO_ROUTE_RETRY_MS = 60_000

/**
 * Moves messages from the durable queue to carriers. It claims due messages in batches sized
 * to what the routes can take, marks them `sending`, hands their segments to each route's
 * pipeline, and records every outcome through the group commit.
 */
export class DeliveryWorker {
  readonly #options: DeliveryWorkerOptions
  readonly #logger: Logger
  readonly #pipelines = new Map<string, RoutePipeline>()
  readonly #inFlight = new Set<string>()
  #timer: NodeJS.Timeout | undefined
  #claiming = false
  #wakeAgain = false
  #running = false

  constructor(options: DeliveryWorkerOptions) {
    this.#options = options
    this.#logger = options.logger.child({ component: 'delivery' })
    for (const route of options.routes.all()) {
      const pipeline = new RoutePipeline({
        route,
        clock: options.clock,
        logger: this.#logger,
        onResult: (result) => this.#record(result),
      })
      this.#pipelines.set(route.routeId, pipeline)
    }
  }

  async start(): Promise<void> {
    if (this.#options.ownership.isSole) {
      const released = await releaseAllClaims(this.#options.db, this.#options.clock.now())
      if (released > 0) this.#logger.warn({ messages: released }, 'resuming messages left sending')
    }
    this.#running = true
    this.wake()
  }

  /**
   * This process has just become the owner of a route: what an earlier owner left `sending`
   * on it is due now, instead of when that owner's claims would have run out.
   */
  async adoptRoute(routeId: string): Promise<void> {
    const released = await releaseRouteClaims(this.#options.db, routeId, this.#options.clock.now())
    if (released > 0) {
      this.#logger.warn({ routeId, messages: released }, 'resuming messages left sending')
    }
    this.wake()
  }

  /** Looks at the queue now instead of at the next poll. */
  wake(): void {
    if (!this.#running) return
    if (this.#claiming) {
      this.#wakeAgain = true
      return
    }
    clearTimeout(this.#timer)
    this.#timer = undefined
    void this.#claimAndDispatch()
  }

  /** Stops claiming and waits (at most `timeoutMs`) for segments in flight. */
  async stop(timeoutMs = 5000): Promise<void> {
    this.#running = false
    clearTimeout(this.#timer)
    for (const pipeline of this.#pipelines.values()) pipeline.stop()
    const idle = Promise.all([...this.#pipelines.values()].map((p) => p.idle()))
    await Promise.race([idle, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())])
  }

  async #claimAndDispatch(): Promise<void> {
    this.#claiming = true
    try {
      const room = this.#room()
      if (room > 0) {
        const nowMs = this.#options.clock.now()
        // A claim lost with the machine is redone: the lease runs out and the message is due.
        const claimed = await this.#options.groupCommit.run(
          (trx) => this.#claim(trx, { nowMs, limit: room }),
          'relaxed',
        )
        for (const item of claimed) this.#dispatch(item)
        if (claimed.length === room) this.#wakeAgain = true
      }
    } catch (err) {
      this.#logger.error({ err }, 'queue claim failed')
    } finally {
      this.#claiming = false
    }

    if (!this.#running) return
    if (this.#wakeAgain) {
      this.#wakeAgain = false
      setImmediate(() => this.wake())
    } else {
      this.#timer = setTimeout(() => this.wake(), this.#options.pollIntervalMs ?? 200)
    }
  }

  /**
   * How many more messages to claim: up to four windows' worth per route, so every window
   * stays busy. A route takes more only once it is down to two windows, so claims come in
   * batches rather than one small transaction per finished message.
   */
  #room(): number {
    let room = 0
    for (const pipeline of this.#pipelines.values()) {
      if (!this.#options.ownership.owns(pipeline.route.routeId)) continue
      const { window } = pipeline.route
      if (pipeline.load() <= window * 2) room += window * 4 - pipeline.load()
    }
    return Math.min(room, 1000)
  }

  async #claim(trx: Trx, options: { nowMs: number; limit: number }): Promise<ClaimedMessage[]> {
    const { ownership, routes } = this.#options
    const claimed = await claimDueMessages(trx, {
      ...options,
      ...(ownership.isSole
        ? {}
        : {
            routeIds: ownership.ownedRouteIds(),
            routeOf: (row) => routes.candidatesFor(row.recipient, row.country)[0]?.routeId,
          }),
    })
    return claimed.filter((item) => !this.#inFlight.has(item.message.id))
  }

  /** The first owned route for the message with a bind up, else the first owned one. */
  #chooseRoute(recipient: string, country: string | null): Route | undefined {
    const { ownership, routes } = this.#options
    const owned = routes
      .candidatesFor(recipient, country)
      .filter((route) => ownership.owns(route.routeId))
    return owned.find((route) => route.carrier.bindsUp() > 0) ?? owned[0]
  }

  #dispatch(item: ClaimedMessage): void {
    const { message } = item
    const route = this.#chooseRoute(message.recipient, message.country)
    if (route === undefined) {
      this.#logger.warn(
        { messageId: message.id, country: message.country },
        'no route for recipient',
      )
      void this.#options.groupCommit.run(
        (trx) => deferMessage(trx, message.id, this.#options.clock.now() + NO_ROUTE_RETRY_MS),
        'relaxed',
      )
      return
    }

    this.#inFlight.add(message.id)
    const inFlight: MessageInFlight = {
      row: { ...message, route_id: route.routeId },
      segments: splitSegments(message.body),
      accepted: new Set(item.acceptedSeqs),
      settled: false,
    }
    if (inFlight.accepted.size === inFlight.segments.length) {
      void this.#finishSent(inFlight)
      return
    }
    this.#pipelines.get(route.routeId)?.enqueue(inFlight)
  }

  async #record(result: SegmentResult): Promise<void> {
    const { message, seq, outcome } = result
    this.#options.observeSubmit?.(result.latencyMs / 1000, outcome.kind)
    const nowMs = this.#options.clock.now()

    if (outcome.kind === 'accepted') {
      message.accepted.add(seq)
      const isLast = message.accepted.size === message.segments.length
      await this.#options.groupCommit.run(async (trx) => {
        await recordSegmentAccepted(trx, {
          message_id: message.row.id,
          seq,
          route_id: message.row.route_id ?? '',
          smsc_message_id: outcome.smscMessageId,
          submitted_at: result.submittedAtMs,
        })
        if (isLast) await this.#markSent(trx, message, nowMs)
      })
      if (isLast) this.#done(message)
    } else if (outcome.kind === 'rejected') {
      if (message.settled) return
      message.settled = true
      await this.#options.groupCommit.run((trx) =>
        this.#transition(trx, message.row, 'failed', nowMs, {
          error_code: outcome.statusName,
          error_message: `the SMSC refused segment ${seq} (command_status 0x${outcome.status.toString(16)})`,
          done_at: nowMs,
          due_at: null,
        }),
      )
      this.#done(message)
    }
  }

  async #finishSent(message: MessageInFlight): Promise<void> {
    await this.#options.groupCommit.run((trx) =>
      this.#markSent(trx, message, this.#options.clock.now()),
    )
    this.#done(message)
  }

  async #markSent(trx: Trx, message: MessageInFlight, nowMs: number): Promise<void> {
    await this.#transition(trx, message.row, 'sent', nowMs, {
      route_id: message.row.route_id,
      sent_at: nowMs,
      due_at: null,
    })
  }

  #done(message: MessageInFlight): void {
    message.settled = true
    this.#inFlight.delete(message.row.id)
    this.#options.onEventsRecorded()
    this.wake()
  }

  #transition(
    trx: Trx,
    message: MessageInFlight['row'],
    to: 'sent' | 'failed',
    nowMs: number,
    changes?: Parameters<typeof transitionMessage>[1]['changes'],
  ): ReturnType<typeof transitionMessage> {
    return transitionMessage(trx, {
      message,
      to,
      nowMs,
      changes,
      webhookUrl: this.#options.stores.webhookUrlOf(message.store_id, message.status_callback),
      webhookLifetimeMs: this.#options.webhookLifetimeMs,
    })
  }
}
