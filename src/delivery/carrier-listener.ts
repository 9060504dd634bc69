import type { DeliveryReceipt, InboundText } from '../carriers/index.js'
import type { KeywordDeps } from '../compliance/index.js'
import type { Clock, Logger } from '../runtime/index.js'
import type { GroupCommit } from '../storage/index.js'
import type { StoreDirectory } from '../stores/index.js'
import { storeInbound } from './inbound-handler.js'
import { applyReceipt } from './receipt-handler.js'
import type { RouteTable } from './route-table.js'

export interface CarrierListenerOptions {
  readonly groupCommit: GroupCommit
  readonly clock: Clock
  readonly logger: Logger
  readonly routes: RouteTable
  readonly stores: StoreDirectory
  readonly webhookLifetimeMs: number
  /** What answering inbound keywords (STOP, START, HELP…) needs. */
  readonly keywords: KeywordDeps
  readonly onEventsRecorded: () => void
  /** Called after a keyword reply was committed, so the queue can send it at once. */
  readonly onQueued?: () => void
}

/**
 * A receipt can overtake the write that records its segment's submit response (the SMSC may
 * answer within a millisecond). Such a receipt is tried again a few times before it is given
 * up as belonging to no message of ours.
 */
const UNMATCHED_RETRY_DELAYS_MS = [20, 100, 500, 1500, 3000]

/** Feeds what carriers send us (receipts, replies) into storage, one commit batch at a time. */
export class CarrierListener {
  readonly #options: CarrierListenerOptions
  readonly #logger: Logger
  #isStopped = false
  receiptsApplied = 0
  receiptsUnmatched = 0
  inboundStored = 0

  constructor(options: CarrierListenerOptions) {
    this.#options = options
    this.#logger = options.logger.child({ component: 'carrier-listener' })
  }

  /**
   * Listens to every route's carrier. Carriers are connected only after this, so no receipt
   * an SMSC flushes right after the bind goes unheard.
   */
  start(): void {
    for (const route of this.#options.routes.all()) {
      route.carrier.onReceipt((receipt) => this.#receipt(route.routeId, receipt))
      route.carrier.onInbound((inbound) => this.#inbound(route.routeId, inbound))
    }
  }

  stop(): void {
    this.#isStopped = true
  }

  /**
   * Settles once the receipt is committed, so it can be acknowledged. A receipt that matches
   * no segment yet is tried again a few times first and only then given up: while it waits
   * it stays unacknowledged, so if Nudge stops meanwhile the SMSC sends it again.
   */
  async #receipt(routeId: string, receipt: DeliveryReceipt): Promise<void> {
    const { groupCommit, clock, stores, webhookLifetimeMs } = this.#options
    for (let attempt = 0; ; attempt++) {
      const result = await groupCommit.run((trx) =>
        applyReceipt(trx, { routeId, receipt, nowMs: clock.now(), stores, webhookLifetimeMs }),
      )
      if (result.kind === 'applied') {
        this.receiptsApplied++
        if (result.status !== undefined) this.#options.onEventsRecorded()
      }
      if (result.kind !== 'unmatched') return

      const delayMs = UNMATCHED_RETRY_DELAYS_MS[attempt]
      if (delayMs === undefined || this.#isStopped) {
        this.receiptsUnmatched++
        this.#logger.warn({ routeId, smscMessageId: receipt.smscMessageId }, 'receipt unmatched')
        return
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref())
    }
  }

  /** Settles once the text is committed, so it can be acknowledged. */
  async #inbound(routeId: string, inbound: InboundText): Promise<void> {
    const { groupCommit, clock, stores, webhookLifetimeMs, keywords } = this.#options
    const stored = await groupCommit.run((trx) =>
      storeInbound(trx, {
        inbound,
        routeId,
        nowMs: clock.now(),
        stores,
        webhookLifetimeMs,
        keywords,
      }),
    )
    if (stored === undefined) {
      this.#logger.warn({ routeId, to: inbound.recipient }, 'inbound message for no store')
      return
    }

    const { message, keyword } = stored
    this.inboundStored++
    this.#logger.info(
      { routeId, messageId: message.id, storeId: message.store_id },
      'inbound message stored',
    )
    if (keyword.kind === 'keyword') {
      this.#logger.info(
        {
          messageId: message.id,
          storeId: message.store_id,
          keyword: keyword.match.keyword,
          kind: keyword.match.kind,
          replyId: keyword.reply?.id ?? null,
          replyStatus: keyword.reply?.status ?? null,
          cancelled: keyword.cancelled,
        },
        'keyword answered',
      )
      this.#options.onQueued?.()
    }
    this.#options.onEventsRecorded()
  }
}
