import type { Kysely } from 'kysely'

/**
 * The dashboard: a store's optional password, and the browser sessions logged in to it. A
 * session is found by the SHA-256 of its cookie value on every dashboard request, so a copy
 * of the database holds nothing that opens one; a store's sessions are ended together when
 * its password changes, and expired ones are removed by their expiry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stores').addColumn('dashboard_password_hash', 'text').execute()

  await db.schema
    .createTable('dashboard_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('cookie_secure', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('dashboard_sessions_store')
    .on('dashboard_sessions')
    .columns(['store_id'])
    .execute()
  await db.schema
    .createIndex('dashboard_sessions_expiry')
    .on('dashboard_sessions')
    .columns(['expires_at'])
    .execute()
}
