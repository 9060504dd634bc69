import { sql, type Kysely } from 'kysely'

/**
 * Flows: each store's flow settings, the runs its store events started, and their steps,
 * which wait in the database until due so they survive restarts; and how the store's
 * platform is reached to create discount codes. Written with the schema builder in types
 * both SQLite and PostgreSQL accept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('discount_settings')
    .addColumn('store_id', 'text', (c) => c.primaryKey().references('stores.id'))
    .addColumn('api_url', 'text')
    .addColumn('credentials', 'text')
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('flows')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('flows_pk', ['store_id', 'flow'])
    .execute()

  await db.schema
    .createTable('flow_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('timers_from', 'bigint', (c) => c.notNull())
    .addColumn('source_updated_at', 'bigint', (c) => c.notNull())
    .addColumn('cart_hash', 'text')
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .execute()
  // One run per checkout, order or shipment, however often its event is delivered.
  await db.schema
    .createIndex('flow_runs_subject')
    .on('flow_runs')
    .columns(['store_id', 'flow', 'subject'])
    .unique()
    .execute()
  await db.schema
    .createIndex('flow_runs_list')
    .on('flow_runs')
    .columns(['store_id', 'flow', 'id'])
    .execute()
  // An order stops the active runs of its customer's number.
  await db.schema
    .createIndex('flow_runs_active_phone')
    .on('flow_runs')
    .columns(['store_id', 'phone'])
    .where(sql.ref('status'), '=', 'active')
    .execute()

  await db.schema
    .createTable('flow_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('flow_runs.id'))
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('discount_code', 'text')
    .addColumn('discount_created_at', 'bigint')
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .execute()
  // A step is written once per place in its run: two writers can never both schedule it.
  await db.schema
    .createIndex('flow_steps_place')
    .on('flow_steps')
    .columns(['run_id', 'generation', 'position'])
    .unique()
    .execute()
  // The scheduler's look for due steps reads only the pending ones.
  await db.schema
    .createIndex('flow_steps_due')
    .on('flow_steps')
    .columns(['due_at'])
    .where(sql.ref('status'), '=', 'pending')
    .execute()
  await db.schema
    .createIndex('flow_steps_discount_code')
    .on('flow_steps')
    .columns(['store_id', 'discount_code'])
    .unique()
    .execute()
}
