import type { Db, Trx } from '../storage/index.js'

/** Days after a click in which an order is still credited to it, when the store sets none. */
export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 5

/** The longest window a store may set. */
export const MAX_ATTRIBUTION_WINDOW_DAYS = 90

const DAY_MS = 86_400_000

/** The store's attribution window in days. */
export async function loadAttributionWindowDays(db: Db | Trx, storeId: string): Promise<number> {
  const row = await db
    .selectFrom('attribution_settings')
    .select('window_days')
    .where('store_id', '=', storeId)
    .executeTakeFirst()
  return row === undefined ? DEFAULT_ATTRIBUTION_WINDOW_DAYS : Number(row.window_days)
}

/** Sets the store's attribution window; orders attributed before keep their credit. */
export async function saveAttributionWindowDays(
  db: Db | Trx,
  args: { readonly storeId: string; readonly windowDays: number; readonly nowMs: number },
): Promise<void> {
  await db
    .insertInto('attribution_settings')
    .values({ store_id: args.storeId, window_days: args.windowDays, updated_at: args.nowMs })
    .onConflict((oc) =>
      oc.column('store_id').doUpdateSet({ window_days: args.windowDays, updated_at: args.nowMs }),
    )
    .execute()
}

export function windowMs(windowDays: number): number {
  return windowDays * DAY_MS
}
