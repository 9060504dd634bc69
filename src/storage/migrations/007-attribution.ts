import type { Kysely } from 'kysely'

/**
 * Attribution: each order credited to the flow message that earned it, once per order, and
 * each store's attribution window. Orders are read back by store and time for a period's
 * figures; a flow's runs are found by the customer's number to match an order to a click.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_attributions')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('flow_run_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('revenue_micros', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('discount_micros', 'bigint')
    .addColumn('placed_at', 'bigint', (c) => c.notNull())
    .addColumn('attributed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_attributions_pk', ['store_id', 'order_id'])
    .execute()
  await db.schema
    .createIndex('order_attributions_placed')
    .on('order_attributions')
    .columns(['store_id', 'placed_at'])
    .execute()

  await db.schema
    .createTable('attribution_settings')
    .addColumn('store_id', 'text', (c) => c.primaryKey().references('stores.id'))
    .addColumn('window_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createIndex('flow_runs_phone')
    .on('flow_runs')
    .columns(['store_id', 'phone'])
    .execute()
}
