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

/** The two-digit country calling codes of ITU-T E.164; 1 and 7 are one digit, the rest three. */
const TWO_DIGIT_CODES = new Set(
  (
    '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 ' +
    '60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'
  ).split(' '),
)

function countryCodeOf(digits: string): string {
  if (digits.startsWith('1') || digits.startsWith('7')) return digits.slice(0, 1)
  return TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? digits.slice(0, 2) : digits.slice(0, 3)
}

/**
 * A phone number with its middle hidden, as the log shows it: the country code and the last
 * three digits stay, enough to tell numbers apart without exposing them.
 */
export function maskPhone(phone: string): string {
  if (phone.startsWith('hash:')) return 'erased'
  if (!/^\+\d{7,15}$/.test(phone)) return phone
  const digits = phone.slice(1)
  const code = countryCodeOf(digits)
  const hidden = digits.length - code.length - 3
  return `+${code} ${'•'.repeat(hidden)} ${digits.slice(-3)}`
}

/** A date as the `<input type=date>` value, in the browser's zone. */
export function dateInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 10)
}
