import type { StoreEventSink } from '../commerce/index.js'
import type { KeyedHasher } from '../compliance/index.js'
import type { RouteDescription } from '../delivery/index.js'
import type { PriceTable, SendGate } from '../messaging/index.js'
import type { Clock, Logger } from '../runtime/index.js'
import type { Db, GroupCommit } from '../storage/index.js'
import type { StoreDirectory, StoreRegistry } from '../stores/index.js'
import type { MetricsSource } from './metrics.js'

/** What the HTTP API needs from the rest of Nudge; the server wires it once at start. */
export interface ApiDeps {
  readonly db: Db
  readonly groupCommit: GroupCommit
  readonly clock: Clock
  readonly logger: Logger
  readonly registry: StoreRegistry
  readonly directory: StoreDirectory
  readonly prices: PriceTable
  readonly maxSegments: number
  /** The compliance gate every outbound message passes before it is stored. */
  readonly gate: SendGate
  /** Keyed hashes that replace erased numbers, and find the consent kept under them. */
  readonly hasher: KeyedHasher
  /** How long webhook retries go on before a delivery is dead-lettered, in ms. */
  readonly webhookLifetimeMs: number
  /** Wakes the delivery worker after new messages were committed. */
  readonly onQueued: () => void
  /** Wakes the webhook dispatcher after deliveries were put back on its queue. */
  readonly onWebhooksQueued: () => void
  readonly metrics: MetricsSource
  /**
   * Acts on each new store event (checkout, order, shipment) inside the transaction that
   * records it. Without one, events are only recorded.
   */
  readonly storeEventSink?: StoreEventSink
  /**
   * What this process serves: `full` is the whole API; `operations` only health, metrics and
   * problem documents, for a process that sends but does not take requests. Default `full`.
   */
  readonly surface?: 'full' | 'operations'
  /**
   * The folder of the built dashboard (`index.html`, `app.js`, `app.css`). Default
   * `dist/public` in Nudge's package folder.
   */
  readonly dashboardDir?: string
  /**
   * The routes to carriers as this process knows them: live bind counts where it sends on a
   * route, the configured ones alone where it does not.
   */
  readonly describeRoutes?: () => readonly RouteDescription[]
  /** This process's role and the routes it sends on now, reported by `/healthz`. */
  readonly describeProcess?: () => { role: string; routesOwned: readonly string[] }
}
