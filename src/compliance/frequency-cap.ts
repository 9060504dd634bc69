import { sql } from 'kysely'
import type { Trx } from '../storage/index.js'
import type { ComplianceSettings } from '../stores/index.js'

/**
 * Statuses of promotions that did not and will not reach the recipient, so they do not count
 * against the cap: stopped by the gate, or refused by the carrier at submission.
 */
const NOT_SENT = ['suppressed', 'failed']

/**
 * Whether one more promotion to this recipient would exceed the store's cap: at most
 * `messages` promotions in any rolling window of `windowMs`, counting every promotion created
 * in the window that went or is still going out (held ones included).
 */
export async function isOverFrequencyCap(
  trx: Trx,
  args: {
    readonly cap: ComplianceSettings['frequencyCap']
    readonly storeId: string
    readonly phone: string
    readonly nowMs: number
  },
): Promise<boolean> {
  const { cap } = args
  if (cap === null) return false

  const row = await trx
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll().as('sent'))
    .where('store_id', '=', args.storeId)
    .where('recipient', '=', args.phone)
    // A literal, so the planner can match the partial index of promotions.
    .where('category', '=', sql.lit('marketing'))
    .where('created_at', '>', args.nowMs - cap.windowMs)
    .where('status', 'not in', NOT_SENT)
    .executeTakeFirstOrThrow()
  return Number(row.sent) >= cap.messages
}
