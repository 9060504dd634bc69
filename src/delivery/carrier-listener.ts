import type { DeliveryReceipt, InboundText } from '../carriers/index.js'
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
  readonly onEventsRecorded: () => void
}

/**
 * A receipt can overtake the write that records its segment's submit response (the SMSC may
 * answer within a millisecond). Such a receipt is tried again a few times before it is given
 * up as belonging to no message of ours.
 */
const UNMATCHED_RETRY_DELAYS_MS = [50, 250, 1000, 3000, 10_000]

/** Feeds what carriers send us (receipts, replies) into storage, one commit batch at a time. */
export class CarrierListener {
  readonly #options: CarrierListenerOptions
  readonly #logger: Logger
  readonly #timers = new Set<NodeJS.Timeout>()
  receiptsApplied = 0
  receiptsUnmatched = 0
  inboundStored = 0

  constructor(options: CarrierListenerOptions) {
    this.#options = options
    this.#logger = options.logger.child({ component: 'carrier-listener' })
  }

  start(): void {
    for (const route of this.#options.routes.all()) {
      route.carrier.onReceipt((receipt) => this.#receipt(route.routeId, receipt, 0))
      route.carrier.onInbound((inbound) => this.#inbound(route.routeId, inbound))
    }
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
  }

  #receipt(routeId: string, receipt: DeliveryReceipt, attempt: number): void {
    const { groupCommit, clock, stores, webhookLifetimeMs } = this.#options
    groupCommit
      .run((trx) =>
        applyReceipt(trx, { routeId, receipt, nowMs: clock.now(), stores, webhookLifetimeMs }),
      )
      .then((result) => {
        if (result.kind === 'applied') {
          this.receiptsApplied++
          if (result.status !== undefined) this.#options.onEventsRecorded()
        } else if (result.kind === 'unmatched') {
          this.#retryUnmatched(routeId, receipt, attempt)
        }
      })
      .catch((err: unknown) => this.#logger.error({ err, routeId }, 'receipt not recorded'))
  }

  #retryUnmatched(routeId: string, receipt: DeliveryReceipt, attempt: number): void {
    const delayMs = UNMATCHED_RETRY_DELAYS_MS[attempt]
    if (delayMs === undefined) {
      this.receiptsUnmatched++
      this.#logger.warn({ routeId, smscMessageId: receipt.smscMessageId }, 'receipt unmatched')
      return
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      this.#receipt(routeId, receipt, attempt + 1)
    }, delayMs)
    this.#timers.add(timer)
  }

  #inbound(routeId: string, inbound: InboundText): void {
    const { groupCommit, clock, stores, webhookLifetimeMs } = this.#options
    groupCommit
      .run((trx) =>
        storeInbound(trx, { inbound, routeId, nowMs: clock.now(), stores, webhookLifetimeMs }),
      )
      .then((row) => {
        if (row === undefined) {
          this.#logger.warn({ routeId, to: inbound.recipient }, 'inbound message for no store')
          return
        }
        this.inboundStored++
        this.#logger.info(
          { routeId, messageId: row.id, storeId: row.store_id },
          'inbound message stored',
        )
        this.#options.onEventsRecorded()
      })
      .catch((err: unknown) => this.#logger.error({ err, routeId }, 'inbound message not recorded'))
  }
}
