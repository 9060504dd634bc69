/** What a summary covers: one store, from `fromMs` (included) to `toMs` (excluded). */
export interface SummaryPeriod {
  readonly storeId: string
  readonly fromMs: number
  readonly toMs: number
  /** One flow's figures only; null for every flow. */
  readonly flow: string | null
}

/** An amount in integer micro-units of its currency. */
export interface MoneyTotal {
  readonly currency: string
  readonly amountMicros: number
}

/** Adds an amount to its currency's total; currencies stay apart, sorted by code. */
export function addMoney(totals: MoneyTotal[], currency: string, amountMicros: number): void {
  const index = totals.findIndex((t) => t.currency === currency)
  if (index === -1) totals.push({ currency, amountMicros })
  else totals[index] = { currency, amountMicros: totals[index]!.amountMicros + amountMicros }
  totals.sort((a, b) => a.currency.localeCompare(b.currency))
}
