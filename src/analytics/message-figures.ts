import { sql } from 'kysely'
import type { Db } from '../storage/index.js'
import { bucketIndex } from './bucket-index.js'
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

/**
 * Messages a person clicked a link of, among those the period's messages could be: a click
 * comes after the message that carries its link, so clicks before the period are left out.
 * Asked as `IN`, both planners read this list once and look each message up in it.
 */
function clickedMessages(db: Db, period: SummaryPeriod) {
  return db
    .selectFrom('link_clicks')
    .select('link_clicks.message_id')
    .where('link_clicks.store_id', '=', period.storeId)
    .where('link_clicks.clicked_at', '>=', period.fromMs)
    .where('link_clicks.is_bot', '=', 0)
    .where('link_clicks.message_id', 'is not', null)
}

export async function countMessages(db: Db, period: SummaryPeriod): Promise<MessageFigures> {
  const [figures] = await countMessagesByBucket(db, period, [period.fromMs])
  return figures!
}

/**
 * The figures of each bucket of a period, by the time each message was created: bucket `i`
 * runs from `startsMs[i]` to the next start, the last one to the period's end. Every message
 * of the period is in exactly one bucket, so the buckets add up to the whole period.
 */
export async function countMessagesByBucket(
  db: Db,
  period: SummaryPeriod,
  startsMs: readonly number[],
): Promise<MessageFigures[]> {
  const bucket = bucketIndex('messages.created_at', startsMs)
  // One pass over the period's messages: joining them to their flow steps is most of the cost.
  const rows = await flowMessages(db, period)
    .select((eb) => [
      (bucket ?? sql.lit(0)).as('bucket'),
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
      eb.fn
        .sum(eb.case().when('messages.id', 'in', clickedMessages(db, period)).then(1).else(0).end())
        .as('clicked'),
    ])
    .groupBy(['messages.status', 'messages.reason', 'messages.currency'])
    .$if(bucket !== undefined, (qb) => qb.groupBy(bucket!))
    .execute()

  const tallies = startsMs.map(() => new MessageTally())
  for (const row of rows) tallies[Number(row.bucket)]!.add(row)
  return tallies.map((tally) => tally.figures())
}

/** Adds up the grouped rows of one bucket. */
class MessageTally {
  sent = 0
  delivered = 0
  failed = 0
  uniqueClicks = 0
  readonly byReason: Record<string, number> = {}
  readonly smsCost: MoneyTotal[] = []

  add(row: {
    status: string
    reason: string | null
    currency: string
    messages: unknown
    sent: unknown
    cost_micros: unknown
    clicked: unknown
  }): void {
    const count = Number(row.messages)
    this.sent += Number(row.sent)
    this.uniqueClicks += Number(row.clicked ?? 0)
    if (DELIVERED.has(row.status)) this.delivered += count
    if (FAILED.has(row.status)) this.failed += count
    if (row.status === 'suppressed') {
      const reason = row.reason ?? 'UNKNOWN'
      this.byReason[reason] = (this.byReason[reason] ?? 0) + count
    }
    if (Number(row.sent) > 0) addMoney(this.smsCost, row.currency, Number(row.cost_micros ?? 0))
  }

  figures(): MessageFigures {
    const suppressedTotal = Object.values(this.byReason).reduce((sum, n) => sum + n, 0)
    return {
      sent: this.sent,
      delivered: this.delivered,
      failed: this.failed,
      suppressed: { total: suppressedTotal, byReason: { ...this.byReason } },
      uniqueClicks: this.uniqueClicks,
      smsCost: [...this.smsCost],
    }
  }
}
