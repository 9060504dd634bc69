import type { Kysely } from 'kysely'

/**
 * Commerce: which platform a store runs on and the secret its webhooks are signed with, where
 * its links point and its time zone; every store event delivery received, and the latest
 * state of each checkout, order and shipment those deliveries described.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('stores')
    .addColumn('platform', 'text', (c) => c.defaultTo('custom'))
    .execute()
  await db.schema.alterTable('stores').addColumn('platform_secret', 'text').execute()
  await db.schema.alterTable('stores').addColumn('public_base_url', 'text').execute()
  await db.schema.alterTable('stores').addColumn('time_zone', 'text').execute()

  await db.schema
    .createTable('store_event_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('body_sha256', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute()
  // A delivery seen before is a duplicate, whichever process took the first one.
  await db.schema
    .createIndex('store_event_deliveries_delivery')
    .on('store_event_deliveries')
    .columns(['store_id', 'platform', 'delivery_id'])
    .unique()
    .execute()

  await db.schema
    .createTable('checkouts')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('checkout_id', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('email', 'text')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('total_micros', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('recovery_url', 'text')
    .addColumn('shipping_country', 'text')
    .addColumn('shipping_province', 'text')
    .addColumn('shipping_zip', 'text')
    .addColumn('completed_at', 'bigint')
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkouts_pk', ['store_id', 'checkout_id'])
    .execute()
  await db.schema
    .createIndex('checkouts_store_phone')
    .on('checkouts')
    .columns(['store_id', 'phone'])
    .execute()

  await db.schema
    .createTable('orders')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('order_name', 'text', (c) => c.notNull())
    .addColumn('checkout_id', 'text')
    .addColumn('phone', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('email', 'text')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('total_micros', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('discount_codes', 'text', (c) => c.notNull())
    .addColumn('shipping_country', 'text')
    .addColumn('shipping_province', 'text')
    .addColumn('shipping_zip', 'text')
    .addColumn('placed_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('orders_pk', ['store_id', 'order_id'])
    .execute()
  // Attribution joins an order to the checkout it came from; reports read by time.
  await db.schema
    .createIndex('orders_store_checkout')
    .on('orders')
    .columns(['store_id', 'checkout_id'])
    .execute()
  await db.schema
    .createIndex('orders_store_placed')
    .on('orders')
    .columns(['store_id', 'placed_at'])
    .execute()
  await db.schema
    .createIndex('orders_store_phone')
    .on('orders')
    .columns(['store_id', 'phone'])
    .execute()

  await db.schema
    .createTable('shipments')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('shipment_id', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('tracking_url', 'text')
    .addColumn('tracking_company', 'text')
    .addColumn('status', 'text')
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('shipments_pk', ['store_id', 'shipment_id'])
    .execute()
  await db.schema
    .createIndex('shipments_store_order')
    .on('shipments')
    .columns(['store_id', 'order_id'])
    .execute()
  await db.schema
    .createIndex('shipments_store_phone')
    .on('shipments')
    .columns(['store_id', 'phone'])
    .execute()
}
