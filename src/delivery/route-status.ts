import { sql } from 'kysely'
import type { Db } from '../storage/index.js'
import { listRouteLeases } from './route-lease-store.js'

/** How far back the current sending rate is measured. */
export const RATE_WINDOW_MS = 10_000

/** A route as the process that holds it sees it; `bindsUp` null where it does not send. */
export interface RouteDescription {
  readonly routeId: string
  readonly host: string
  readonly port: number
  readonly bindsConfigured: number
  readonly bindsUp: number | null
  readonly segmentsPerSecond: number
}

export interface RouteStatus extends RouteDescription {
  /** Segments submitted over the last ten seconds, per second. */
  readonly currentSegmentsPerSecond: number
  /** Messages bound to the route and due: waiting for a send slot, or in flight. */
  readonly queueDepth: number
  /** The process holding the route's lease (PostgreSQL clusters); null when none does. */
  readonly owner: string | null
}

export interface RouteStatusReport {
  readonly routes: readonly RouteStatus[]
  /**
   * Due messages not bound to a route: a single process binds a message to its route only as
   * it submits it, so there this counts its whole queue.
   */
  readonly unrouted: number
}

/**
 * Adds what the database knows to each route: the rate it sends at now, the messages that
 * wait for it and who owns it. Every figure reads an index from its newest end, so the
 * dashboard can ask every few seconds whatever the size of the history.
 */
export async function routeStatus(
  db: Db,
  args: { readonly routes: readonly RouteDescription[]; readonly nowMs: number },
): Promise<RouteStatusReport> {
  const submitted = await db
    .selectFrom('message_segments')
    .select(['route_id', (eb) => eb.fn.countAll().as('n')])
    .where('submitted_at', '>=', args.nowMs - RATE_WINDOW_MS)
    .where('route_id', 'in', args.routes.length === 0 ? [''] : args.routes.map((r) => r.routeId))
    .groupBy('route_id')
    .execute()
  // The same condition as the queue's partial index, so only waiting messages are read: those
  // queued or in flight, and those scheduled whose time has come.
  const waiting = await db
    .selectFrom('messages')
    .select(['route_id', (eb) => eb.fn.countAll().as('n')])
    .where(sql.ref('status'), 'in', sql`('queued', 'scheduled', 'sending')`)
    .where((eb) => eb.or([eb('status', '!=', 'scheduled'), eb('due_at', '<=', args.nowMs)]))
    .groupBy('route_id')
    .execute()
  const leases = await listRouteLeases(db)

  const rate = new Map(submitted.map((r) => [r.route_id, Number(r.n)]))
  const depth = new Map(waiting.map((r) => [r.route_id, Number(r.n)]))
  const live = new Map(
    leases.filter((l) => l.expiresAtMs > args.nowMs).map((l) => [l.routeId, l.owner]),
  )
  return {
    routes: args.routes.map((route) => ({
      ...route,
      currentSegmentsPerSecond: ((rate.get(route.routeId) ?? 0) * 1000) / RATE_WINDOW_MS,
      queueDepth: depth.get(route.routeId) ?? 0,
      owner: live.get(route.routeId) ?? null,
    })),
    unrouted: depth.get(null) ?? 0,
  }
}
