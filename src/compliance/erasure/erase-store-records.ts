import type { Trx } from '../../storage/index.js'

/**
 * Erases the recipient from what their store told Nudge about them. Checkouts, orders and
 * shipments keep their items, amounts and times for the store's reports and attribution; the
 * number becomes its hash, and the name, email, postal code and the link that reopens the
 * customer's cart go. Flow runs for the number stop (their next texts would need what was
 * erased) and keep only their outcome.
 */
export async function eraseStoreRecords(
  trx: Trx,
  args: {
    readonly storeId: string
    readonly phone: string
    readonly phoneHash: string
    readonly nowMs: number
  },
): Promise<void> {
  const { storeId, phone, phoneHash, nowMs } = args
  const runs = trx
    .selectFrom('flow_runs')
    .select('id')
    .where('store_id', '=', storeId)
    .where('phone', '=', phone)
  await trx
    .updateTable('flow_steps')
    .set({ status: 'cancelled', due_at: null, updated_at: nowMs, done_at: nowMs })
    .where('run_id', 'in', runs)
    .where('status', '=', 'pending')
    .execute()
  await trx
    .updateTable('flow_runs')
    .set({ status: 'stopped', reason: 'ERASED', ended_at: nowMs })
    .where('store_id', '=', storeId)
    .where('phone', '=', phone)
    .where('status', '=', 'active')
    .execute()
  await trx
    .updateTable('flow_runs')
    .set({ phone: phoneHash, context: '{}', updated_at: nowMs })
    .where('store_id', '=', storeId)
    .where('phone', '=', phone)
    .execute()
  const person = { phone: phoneHash, first_name: null, last_name: null, email: null }
  await trx
    .updateTable('checkouts')
    .set({ ...person, recovery_url: null, shipping_zip: null })
    .where('store_id', '=', storeId)
    .where('phone', '=', phone)
    .execute()
  await trx
    .updateTable('orders')
    .set({ ...person, shipping_zip: null })
    .where('store_id', '=', storeId)
    .where('phone', '=', phone)
    .execute()
  await trx
    .updateTable('shipments')
    .set({ phone: phoneHash })
    .where('store_id', '=', storeId)
    .where('phone', '=', phone)
    .execute()
}
