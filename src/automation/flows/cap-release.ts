import { sql } from 'kysely'
import type { Db } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'

/**
 * When the store's frequency cap next lets a promotion through to this number, or null when
 * it does now. The gate would suppress a step sent before then, losing it (the default flow's
 * second reminder, a day after a first at 30 minutes, would always meet a cap of one a day),
 * so the step waits instead. Counts what the gate counts: promotions created in the rolling
 * window that went or are going, not those suppressed or failed.
 */
export async function capReleaseAt(
  db: Db,
  args: { readonly store: Store; readonly phone: string; readonly nowMs: number },
): Promise<number | null> {
  const cap = args.store.compliance.frequencyCap
  if (cap === null) return null

  const rows = await db
    .selectFrom('messages')
    .select('created_at')
    .where('store_id', '=', args.store.id)
    .where('recipient', '=', args.phone)
    .where('category', '=', sql.lit('marketing'))
    .where('created_at', '>', args.nowMs - cap.windowMs)
    .where('status', 'not in', [sql.lit('suppressed'), sql.lit('failed')])
    .orderBy('created_at')
    .execute()
  if (rows.length < cap.messages) return null
  // Once the oldest promotion that keeps the count at the cap leaves the window, one more fits.
  return Number(rows[rows.length - cap.messages]!.created_at) + cap.windowMs
}
