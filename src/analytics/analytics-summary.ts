import type { Db } from '../storage/index.js'
import { countAttributedOrders, type OrderFigures } from './attributed-orders.js'
import { countMessages, type MessageFigures } from './message-figures.js'
import type { MoneyTotal, SummaryPeriod } from './period.js'

/** A period's figures for a store's flows: messages, clicks, orders, money. */
export interface AnalyticsSummary {
  readonly messages: MessageFigures
  /** Unique clicks over delivered messages, to 4 places; null when none was delivered. */
  readonly clickThroughRate: number | null
  readonly orders: OrderFigures
  /**
   * Revenue over SMS cost, to 4 places; null when nothing was spent, or when revenue and
   * cost are not both in one and the same currency.
   */
  readonly returnOnAdSpend: number | null
}

export async function summarize(db: Db, period: SummaryPeriod): Promise<AnalyticsSummary> {
  const messages = await countMessages(db, period)
  const orders = await countAttributedOrders(db, period)

  return {
    messages,
    clickThroughRate: ratio(messages.uniqueClicks, messages.delivered),
    orders,
    returnOnAdSpend: returnOnAdSpend(orders.revenue, messages.smsCost),
  }
}

function returnOnAdSpend(
  revenue: readonly MoneyTotal[],
  cost: readonly MoneyTotal[],
): number | null {
  const [spent, ...otherCosts] = cost
  if (spent === undefined || otherCosts.length > 0) return null
  if (revenue.some((r) => r.currency !== spent.currency)) return null
  return ratio(revenue[0]?.amountMicros ?? 0, spent.amountMicros)
}

function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null
  return Math.round((numerator / denominator) * 10_000) / 10_000
}
