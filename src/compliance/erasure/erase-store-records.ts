import type { Trx } from '../../storage/index.js'

/**
 * Erases the recipient from what their store told Nudge about them. Checkouts, orders and
 * shipments keep their items, amounts and times for the store's reports and attribution; the
 * number becomes its hash, and the name, email, postal code and the link that reopens the
 * customer's cart go.
 */
export async function eraseStoreRecords(
  trx: Trx,
  args: { readonly storeId: string; readonly phone: string; readonly phoneHash: string },
): Promise<void> {
  const { storeId, phone, phoneHash } = args
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
