/** How the dashboard writes numbers, money, times and phone numbers. */

export interface Money {
  readonly amount: string
  readonly currency: string
}

export function formatMoney(money: Money): string {
  const value = Number(money.amount)
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: money.currency,
      maximumFractionDigits: value !== 0 && Math.abs(value) < 1 ? 4 : 2,
    }).format(value)
  } catch {
    return `${money.amount} ${money.currency}`
  }
}

/** Several currencies side by side; a dash when there is nothing. */
export function formatMoneyList(list: readonly Money[]): string {
  return list.length === 0 ? '—' : list.map(formatMoney).join(' + ')
}

export function formatCount(value: number): string {
  return new Intl.NumberFormat().format(value)
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)} %`
}

export function formatTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—'
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
}

/**
 * A phone number with its middle hidden, as the log shows it: the country code and the
 * last three digits stay, enough to tell numbers apart without exposing them.
 */
export function maskPhone(phone: string): string {
  if (!phone.startsWith('+') || phone.length < 8)
    return phone.startsWith('hash:') ? 'erased' : phone
  const head = phone.slice(0, phone.length > 11 ? 3 : 2)
  const tail = phone.slice(-3)
  return `${head} ${'•'.repeat(phone.length - head.length - 3)} ${tail}`
}

/** A date as the `<input type=date>` value, in the browser's zone. */
export function dateInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 10)
}
