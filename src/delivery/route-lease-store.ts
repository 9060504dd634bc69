import type { Db } from '../storage/index.js'

/**
 * Takes or renews the lease on a route for `owner`: granted when nobody holds it, when
 * `owner` already does, or when the holder's lease has run out. One statement, so two workers
 * asking at once cannot both win. Resolves true when `owner` holds the lease afterwards.
 */
export async function acquireRouteLease(
  db: Db,
  lease: { routeId: string; owner: string; nowMs: number; leaseMs: number },
): Promise<boolean> {
  const expiresAt = lease.nowMs + lease.leaseMs
  const row = await db
    .insertInto('route_leases')
    .values({
      route_id: lease.routeId,
      owner: lease.owner,
      acquired_at: lease.nowMs,
      expires_at: expiresAt,
    })
    .onConflict((oc) =>
      oc
        .column('route_id')
        .doUpdateSet((eb) => ({
          owner: eb.ref('excluded.owner'),
          expires_at: eb.ref('excluded.expires_at'),
          acquired_at: eb
            .case()
            .when('route_leases.owner', '=', lease.owner)
            .then(eb.ref('route_leases.acquired_at'))
            .else(eb.ref('excluded.acquired_at'))
            .end(),
        }))
        .where((eb) =>
          eb.or([
            eb('route_leases.owner', '=', lease.owner),
            eb('route_leases.expires_at', '<', lease.nowMs),
          ]),
        ),
    )
    .returning('owner')
    .executeTakeFirst()
  return row?.owner === lease.owner
}

/** Gives a route up at once, so another worker need not wait for the lease to run out. */
export async function releaseRouteLease(db: Db, routeId: string, owner: string): Promise<void> {
  await db
    .deleteFrom('route_leases')
    .where('route_id', '=', routeId)
    .where('owner', '=', owner)
    .execute()
}

export interface RouteLeaseRow {
  readonly routeId: string
  readonly owner: string
  readonly expiresAtMs: number
}

export async function listRouteLeases(db: Db): Promise<RouteLeaseRow[]> {
  const rows = await db.selectFrom('route_leases').selectAll().orderBy('route_id').execute()
  return rows.map((r) => ({ routeId: r.route_id, owner: r.owner, expiresAtMs: r.expires_at }))
}
