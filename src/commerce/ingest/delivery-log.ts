import type { StoreEventDeliveryTable, Trx } from '../../storage/index.js'

/** The delivery already received under this id, if any. */
export async function findDelivery(
  trx: Trx,
  key: { readonly storeId: string; readonly platform: string; readonly deliveryId: string },
): Promise<Pick<StoreEventDeliveryTable, 'id' | 'body_sha256'> | undefined> {
  return trx
    .selectFrom('store_event_deliveries')
    .select(['id', 'body_sha256'])
    .where('store_id', '=', key.storeId)
    .where('platform', '=', key.platform)
    .where('delivery_id', '=', key.deliveryId)
    .executeTakeFirst()
}

/**
 * Records a delivery. Two processes taking the same delivery at once both get here; the
 * unique index lets one in and fails the other's transaction, which the group commit runs
 * again on its own and which then finds the delivery recorded.
 */
export async function insertDelivery(trx: Trx, row: StoreEventDeliveryTable): Promise<void> {
  await trx.insertInto('store_event_deliveries').values(row).execute()
}
