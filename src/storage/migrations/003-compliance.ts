import { sql, type Kysely } from 'kysely'

/**
 * Compliance: the consent ledger and the contacts derived from it, the gate's decisions,
 * erasure records, a reason on each message and a store's compliance settings. Written with
 * the schema builder in types both SQLite and PostgreSQL accept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stores').addColumn('compliance_settings', 'text').execute()
  await db.schema.alterTable('messages').addColumn('reason', 'text').execute()

  // The frequency cap counts a recipient's recent promotions; only those are in this index.
  await db.schema
    .createIndex('messages_marketing_recent')
    .on('messages')
    .columns(['store_id', 'recipient', 'created_at'])
    .where(sql.ref('category'), '=', 'marketing')
    .execute()
  // Export and erasure find a customer's replies by their number, which is the sender.
  await db.schema
    .createIndex('messages_inbound_sender')
    .on('messages')
    .columns(['store_id', 'sender', 'id'])
    .where(sql.ref('direction'), '=', 'inbound')
    .execute()

  await db.schema
    .createTable('contacts')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('marketing', 'text', (c) => c.notNull())
    .addColumn('opted_out_all', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consent_changed_at', 'bigint')
    .addColumn('consent_records', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pending_opt_in', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('shipping_country', 'text')
    .addColumn('shipping_province', 'text')
    .addColumn('shipping_zip', 'text')
    .addColumn('erased_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contacts_pk', ['store_id', 'phone'])
    .execute()

  await db.schema
    .createTable('consent_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('wording', 'text')
    .addColumn('page_url', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('collected_at', 'bigint', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('consent_events_store_phone')
    .on('consent_events')
    .columns(['store_id', 'phone', 'id'])
    .execute()

  await db.schema
    .createTable('gate_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('zones', 'text', (c) => c.notNull())
    .addColumn('zone_source', 'text')
    .addColumn('local_times', 'text', (c) => c.notNull())
    .addColumn('release_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('gate_decisions_store')
    .on('gate_decisions')
    .columns(['store_id', 'id'])
    .execute()
  await db.schema
    .createIndex('gate_decisions_store_phone')
    .on('gate_decisions')
    .columns(['store_id', 'phone', 'id'])
    .execute()

  await db.schema
    .createTable('contact_erasures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('phone_hash', 'text', (c) => c.notNull())
    .addColumn('messages', 'integer', (c) => c.notNull())
    .addColumn('consent_events', 'integer', (c) => c.notNull())
    .addColumn('decisions', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
}
