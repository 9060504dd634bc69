import type { Clock, Logger } from '../runtime/index.js'
import type { Db } from '../storage/index.js'
import { acquireRouteLease, releaseRouteLease } from './route-lease-store.js'

/**
 * Which routes this process may send on. A route's binds and its segments-per-second budget
 * belong to one process at a time, so the carrier's limits hold however many workers run.
 */
export interface RouteOwnership {
  /** True when this process is alone on its database and owns every route for good. */
  readonly isSole: boolean
  owns(routeId: string): boolean
  /** The routes owned now; every route when {@link isSole}. */
  ownedRouteIds(): readonly string[]
}

/** A single process on its own database owns every route. */
export class SoleOwnership implements RouteOwnership {
  readonly isSole = true
  readonly #routeIds: readonly string[]

  constructor(routeIds: readonly string[]) {
    this.#routeIds = routeIds
  }

  owns(routeId: string): boolean {
    return this.#routeIds.includes(routeId)
  }

  ownedRouteIds(): readonly string[] {
    return this.#routeIds
  }
}

export interface LeasedOwnershipOptions {
  readonly db: Db
  readonly clock: Clock
  readonly logger: Logger
  /** This process's name in the lease table; unique per process. */
  readonly owner: string
  readonly routeIds: readonly string[]
  /** How long a lease lasts unless renewed, in ms: the takeover time when a worker dies. */
  readonly leaseMs?: number
  /** How often leases are renewed and free routes tried, in ms. */
  readonly renewEveryMs?: number
  /** A route was just taken: connect its carrier, adopt what its last owner left. */
  readonly onAcquired: (routeId: string) => Promise<void>
  /** A route's lease could not be renewed in time; this process must stop sending on it. */
  readonly onLost: (routeId: string) => void
}

/** Default lease: a dead worker's routes are taken over within about this long. */
export const ROUTE_LEASE_MS = 10_000
const RENEW_EVERY_MS = 2_000
/** A lease is treated as gone this long before it runs out, to absorb clock and I/O delays. */
const SAFETY_MARGIN_MS = 2_000

/**
 * Owns routes through leases in the database: each worker renews the routes it holds and
 * tries the free ones every couple of seconds. A process owns a route only while its last
 * successful renewal is recent enough; if renewals fail (the database is unreachable) it
 * stops treating the route as its own before the lease can pass to another worker.
 */
export class LeasedOwnership implements RouteOwnership {
  readonly isSole = false
  readonly #options: LeasedOwnershipOptions
  readonly #logger: Logger
  readonly #leaseMs: number
  /** Route → instant until which this process may act as its owner. */
  readonly #validUntil = new Map<string, number>()
  #timer: NodeJS.Timeout | undefined
  #round: Promise<void> | undefined
  #isStopped = false

  constructor(options: LeasedOwnershipOptions) {
    this.#options = options
    this.#logger = options.logger.child({ component: 'route-ownership', owner: options.owner })
    this.#leaseMs = options.leaseMs ?? ROUTE_LEASE_MS
  }

  owns(routeId: string): boolean {
    const until = this.#validUntil.get(routeId)
    return until !== undefined && this.#options.clock.now() < until
  }

  ownedRouteIds(): readonly string[] {
    return this.#options.routeIds.filter((id) => this.owns(id))
  }

  /** Tries every route once, then keeps renewing in the background. */
  async start(): Promise<void> {
    await this.#renewAll()
    this.#schedule()
  }

  /** Stops renewing and hands every owned route back at once. */
  async stop(): Promise<void> {
    this.#isStopped = true
    clearTimeout(this.#timer)
    await this.#round
    const { db, owner } = this.#options
    for (const routeId of [...this.#validUntil.keys()]) {
      this.#validUntil.delete(routeId)
      await releaseRouteLease(db, routeId, owner).catch((err: unknown) => {
        this.#logger.warn({ err, routeId }, 'route lease not released; it will run out')
      })
    }
  }

  #schedule(): void {
    if (this.#isStopped) return
    this.#timer = setTimeout(() => {
      this.#round = this.#renewAll().finally(() => this.#schedule())
    }, this.#options.renewEveryMs ?? RENEW_EVERY_MS)
  }

  async #renewAll(): Promise<void> {
    const { db, clock, owner } = this.#options
    for (const routeId of this.#options.routeIds) {
      if (this.#isStopped) return
      const askedAtMs = clock.now()
      const wasOwner = this.#validUntil.has(routeId)
      let granted: boolean
      try {
        granted = await acquireRouteLease(db, {
          routeId,
          owner,
          nowMs: askedAtMs,
          leaseMs: this.#leaseMs,
        })
      } catch (err) {
        this.#logger.warn({ err, routeId }, 'route lease renewal failed')
        granted = false
        if (wasOwner && this.owns(routeId)) continue // still within the lease; try again soon
      }

      if (granted) {
        this.#validUntil.set(routeId, askedAtMs + this.#leaseMs - SAFETY_MARGIN_MS)
        if (!wasOwner) {
          this.#logger.info({ routeId }, 'route acquired')
          await this.#options.onAcquired(routeId)
        }
      } else if (wasOwner) {
        this.#validUntil.delete(routeId)
        this.#logger.error({ routeId }, 'route lease lost')
        this.#options.onLost(routeId)
      }
    }
  }
}
