import type { Db } from '../storage/index.js'
import type { AttributionMethod } from './attribution.js'
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
  const rows = await db
    .selectFrom('order_attributions')
    .select((eb) => [
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
    .execute()

  const byMethod: Record<AttributionMethod, number> = { checkout: 0, discount_code: 0, click: 0 }
  const revenue: MoneyTotal[] = []
  const discounts: MoneyTotal[] = []
  let orders = 0
  let isDiscountKnown = true
  for (const row of rows) {
    const count = Number(row.orders)
    orders += count
    byMethod[row.method as AttributionMethod] += count
    addMoney(revenue, row.currency, Number(row.revenue_micros ?? 0))
    if (Number(row.discounts_known) < count) isDiscountKnown = false
    else addMoney(discounts, row.currency, Number(row.discount_micros ?? 0))
  }
  return { orders, byMethod, revenue, discountCost: isDiscountKnown ? discounts : null }
}
