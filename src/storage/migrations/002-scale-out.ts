import type { Kysely } from 'kysely'

/**
 * Route leases: which process owns each route's binds and rate budget. A lease is renewed
 * while its owner lives; once it runs out another worker takes the route over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('route_leases')
    .addColumn('route_id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute()
}
