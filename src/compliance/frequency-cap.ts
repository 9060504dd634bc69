import { sql } from 'kysely'
import { PreparedQuery, type Placeholder, type Trx } from '../storage/index.js'
import type { ComplianceSettings } from '../stores/index.js'

/**
 * Counts a recipient's recent promotions against the store's cap: at most `messages`
 * promotions in any rolling window of `windowMs`, counting every promotion created in the
 * window that went or is still going out (held ones included). Promotions the gate stopped,
 * or the carrier refused at submission, never reached anyone and do not count.
 *
 * The count runs for every promotion, so it is compiled once per counter; a counter serves
 * the one database it first counts in.
 */
export class FrequencyCap {
  readonly #count = new PreparedQuery((db, p: Placeholder<'storeId' | 'phone' | 'sinceMs'>) =>
    db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll().as('sent'))
      .where('store_id', '=', p('storeId'))
      .where('recipient', '=', p('phone'))
      // Literals, so the planner can match the partial index of promotions.
      .where('category', '=', sql.lit('marketing'))
      .where('created_at', '>', p('sinceMs'))
      .where('status', 'not in', [sql.lit('suppressed'), sql.lit('failed')]),
  )

  /** Whether one more promotion to this recipient now would go over the cap. */
  async isExceeded(
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

    const [row] = await this.#count.execute(trx, {
      storeId: args.storeId,
      phone: args.phone,
      sinceMs: args.nowMs - cap.windowMs,
    })
    return Number(row?.sent ?? 0) >= cap.messages
  }
}
