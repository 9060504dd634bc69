/**
 * Integer micro-units as the decimal text platforms take, with two places: 5000000 is
 * `5.00`. Discount amounts are checked to have at most two decimals, so nothing is lost.
 */
export function decimalAmount(micros: number): string {
  const whole = Math.floor(micros / 1_000_000)
  const cents = Math.round((micros % 1_000_000) / 10_000)
  return `${whole}.${String(cents).padStart(2, '0')}`
}
