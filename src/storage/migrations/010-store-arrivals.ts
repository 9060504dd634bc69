import type { Kysely } from 'kysely'

/**
 * The dashboard asks on every visit when a store's last webhook arrived and how many came in
 * a day; this index answers both from the newest end without reading the store's history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('store_event_deliveries_store_received')
    .on('store_event_deliveries')
    .columns(['store_id', 'received_at'])
    .execute()
}
