import type { Kysely } from 'kysely'

/**
 * Short links and their clicks. A link is found by its code on every redirect; links and
 * clicks are read by message to credit a message with its clicks, and clicks by store and time
 * for a store's figures over a period.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('links')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('target_url', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('flow_run_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('links_message').on('links').columns(['message_id']).execute()

  await db.schema
    .createTable('link_clicks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().references('links.code'))
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('clicked_at', 'bigint', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('ip_hash', 'text')
    .addColumn('is_bot', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('link_clicks_code')
    .on('link_clicks')
    .columns(['code', 'clicked_at'])
    .execute()
  await db.schema
    .createIndex('link_clicks_message')
    .on('link_clicks')
    .columns(['message_id'])
    .execute()
  await db.schema
    .createIndex('link_clicks_store_time')
    .on('link_clicks')
    .columns(['store_id', 'clicked_at'])
    .execute()
}
