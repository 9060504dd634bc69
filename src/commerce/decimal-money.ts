/** Up to 999,999,999.999999: any price or total, and far below 2^53 micro-units. */
const DECIMAL = /^(\d{1,9})(?:\.(\d+))?$/

/**
 * Micro-units of a non-negative decimal amount as platforms send it: a string such as
 * `"49.00"` (Shopify, WooCommerce totals) or a number (WooCommerce line item prices). The
 * digits are read as text, never through floating point, so `"0.1"` is exactly 100000. A
 * number is first written out with six decimals, which is exact for any price it can hold.
 * Undefined when the amount is negative, malformed or finer than a micro-unit.
 */
export function decimalToMicros(value: string | number): number | undefined {
  const text =
    typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(6) : '') : value.trim()
  const match = DECIMAL.exec(text)
  if (match === null) return undefined

  const fraction = match[2] ?? ''
  if (/[1-9]/.test(fraction.slice(6))) return undefined
  return Number(match[1]) * 1_000_000 + Number(fraction.slice(0, 6).padEnd(6, '0'))
}
