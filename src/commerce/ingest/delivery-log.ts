import type { Db, StoreEventDeliveryTable, Trx } from '../../storage/index.js'

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

/** What has arrived from a store lately: the newest delivery, and how many since a time. */
export interface DeliveryArrivals {
  readonly last: {
    readonly receivedAtMs: number
    readonly topic: string
    readonly platform: string
  } | null
  readonly countSince: number
}

export async function deliveryArrivals(
  db: Db,
  args: { readonly storeId: string; readonly sinceMs: number },
): Promise<DeliveryArrivals> {
  const last = await db
    .selectFrom('store_event_deliveries')
    .select(['received_at', 'topic', 'platform'])
    .where('store_id', '=', args.storeId)
    .orderBy('received_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  const recent = await db
    .selectFrom('store_event_deliveries')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('store_id', '=', args.storeId)
    .where('received_at', '>=', args.sinceMs)
    .executeTakeFirstOrThrow()
  return {
    last:
      last === undefined
        ? null
        : { receivedAtMs: Number(last.received_at), topic: last.topic, platform: last.platform },
    countSince: Number(recent.n),
  }
}
