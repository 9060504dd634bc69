import type { Db } from '../storage/index.js'
import { addMoney, type MoneyTotal, type SummaryPeriod } from './period.js'

/** What became of the flows' messages created in a period. */
export interface MessageFigures {
  /** Accepted by a carrier, whatever happened next. */
  readonly sent: number
  /** Delivered, in whole or in part. */
  readonly delivered: number
  /** Undelivered, failed, expired or rejected. */
  readonly failed: number
  readonly suppressed: { readonly total: number; readonly byReason: Record<string, number> }
  /** Messages a person clicked a link of at least once, whenever the click came. */
  readonly uniqueClicks: number
  /** The price of the messages sent, per currency. */
  readonly smsCost: readonly MoneyTotal[]
}

const DELIVERED = new Set(['delivered', 'partially_delivered'])
const FAILED = new Set(['undelivered', 'failed', 'expired', 'rejected'])

/** A flow's message is one a step of its runs stored; the period is the message's creation. */
function flowMessages(db: Db, period: SummaryPeriod) {
  return db
    .selectFrom('messages')
    .innerJoin('flow_steps', 'flow_steps.message_id', 'messages.id')
    .innerJoin('flow_runs', 'flow_runs.id', 'flow_steps.run_id')
    .where('messages.store_id', '=', period.storeId)
    .where('flow_runs.store_id', '=', period.storeId)
    .where('messages.created_at', '>=', period.fromMs)
    .where('messages.created_at', '<', period.toMs)
    .$if(period.flow !== null, (qb) => qb.where('flow_runs.flow', '=', period.flow!))
}

export async function countMessages(db: Db, period: SummaryPeriod): Promise<MessageFigures> {
  const rows = await flowMessages(db, period)
    .select((eb) => [
      'messages.status',
      'messages.reason',
      'messages.currency',
      eb.fn.countAll().as('messages'),
      eb.fn.count('messages.sent_at').as('sent'),
      eb.fn
        .sum(
          eb
            .case()
            .when('messages.sent_at', 'is not', null)
            .then(eb.ref('messages.price_micros'))
            .else(0)
            .end(),
        )
        .as('cost_micros'),
    ])
    .groupBy(['messages.status', 'messages.reason', 'messages.currency'])
    .execute()
  const clicked = await flowMessages(db, period)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('link_clicks')
          .select('link_clicks.id')
          .whereRef('link_clicks.message_id', '=', 'messages.id')
          .where('link_clicks.is_bot', '=', 0),
      ),
    )
    .select((eb) => eb.fn.countAll().as('messages'))
    .executeTakeFirstOrThrow()

  let sent = 0
  let delivered = 0
  let failed = 0
  const byReason: Record<string, number> = {}
  const smsCost: MoneyTotal[] = []
  for (const row of rows) {
    const count = Number(row.messages)
    sent += Number(row.sent)
    if (DELIVERED.has(row.status)) delivered += count
    if (FAILED.has(row.status)) failed += count
    if (row.status === 'suppressed') {
      const reason = row.reason ?? 'UNKNOWN'
      byReason[reason] = (byReason[reason] ?? 0) + count
    }
    if (Number(row.sent) > 0) addMoney(smsCost, row.currency, Number(row.cost_micros ?? 0))
  }
  const suppressedTotal = Object.values(byReason).reduce((sum, n) => sum + n, 0)
  return {
    sent,
    delivered,
    failed,
    suppressed: { total: suppressedTotal, byReason },
    uniqueClicks: Number(clicked.messages),
    smsCost,
  }
}
