import { sql } from 'kysely'
import type { Db } from '../storage/index.js'
import type { AttributionMethod } from './attribution.js'
import { bucketIndex } from './bucket-index.js'
import { addMoney, type MoneyTotal, type SummaryPeriod } from './period.js'

/** The orders placed in a period that flow messages earned. */
export interface OrderFigures {
  readonly orders: number
  readonly byMethod: Readonly<Record<AttributionMethod, number>>
  /** The orders' totals, per currency. */
  readonly revenue: readonly MoneyTotal[]
  /** What their discounts took off, per currency; null while any amount is unknown. */
  readonly discountCost: readonly MoneyTotal[] | null
}

export async function countAttributedOrders(db: Db, period: SummaryPeriod): Promise<OrderFigures> {
  const [figures] = await countAttributedOrdersByBucket(db, period, [period.fromMs])
  return figures!
}

/**
 * The figures of each bucket of a period, by the time each order was placed; buckets as in
 * {@link countMessagesByBucket}, so they add up to the whole period.
 */
export async function countAttributedOrdersByBucket(
  db: Db,
  period: SummaryPeriod,
  startsMs: readonly number[],
): Promise<OrderFigures[]> {
  const bucket = bucketIndex('placed_at', startsMs)
  const rows = await db
    .selectFrom('order_attributions')
    .select((eb) => [
      (bucket ?? sql.lit(0)).as('bucket'),
      'method',
      'currency',
      eb.fn.countAll().as('orders'),
      eb.fn.sum('revenue_micros').as('revenue_micros'),
      eb.fn.sum('discount_micros').as('discount_micros'),
      eb.fn.count('discount_micros').as('discounts_known'),
    ])
    .where('store_id', '=', period.storeId)
    .where('placed_at', '>=', period.fromMs)
    .where('placed_at', '<', period.toMs)
    .$if(period.flow !== null, (qb) => qb.where('flow', '=', period.flow!))
    .groupBy(['method', 'currency'])
    .$if(bucket !== undefined, (qb) => qb.groupBy(bucket!))
    .execute()

  const tallies = startsMs.map(() => new OrderTally())
  for (const row of rows) tallies[Number(row.bucket)]!.add(row)
  return tallies.map((tally) => tally.figures())
}

/** Adds up the grouped rows of one bucket. */
class OrderTally {
  orders = 0
  isDiscountKnown = true
  readonly byMethod: Record<AttributionMethod, number> = { checkout: 0, discount_code: 0, click: 0 }
  readonly revenue: MoneyTotal[] = []
  readonly discounts: MoneyTotal[] = []

  add(row: {
    method: string
    currency: string
    orders: unknown
    revenue_micros: unknown
    discount_micros: unknown
    discounts_known: unknown
  }): void {
    const count = Number(row.orders)
    this.orders += count
    this.byMethod[row.method as AttributionMethod] += count
    addMoney(this.revenue, row.currency, Number(row.revenue_micros ?? 0))
    if (Number(row.discounts_known) < count) this.isDiscountKnown = false
    else addMoney(this.discounts, row.currency, Number(row.discount_micros ?? 0))
  }

  figures(): OrderFigures {
    return {
      orders: this.orders,
      byMethod: { ...this.byMethod },
      revenue: [...this.revenue],
      discountCost: this.isDiscountKnown ? [...this.discounts] : null,
    }
  }
}
