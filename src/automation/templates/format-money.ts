import { formatMicros } from '../../messaging/index.js'

const formats = new Map<string, Intl.NumberFormat>()

/**
 * An amount of integer micro-units as the customer reads it: 59990000 in USD is `$59.99`, in
 * EUR `€59.99`, in JPY `¥60`, each currency with its own number of decimals (English
 * conventions: `,` groups thousands). Without a usable currency code the amount is a plain
 * decimal with two places. Anything that is not an integer is returned as text, unchanged.
 */
export function formatMoney(micros: unknown, currency: unknown): string {
  const amount = typeof micros === 'string' && /^-?\d+$/.test(micros) ? Number(micros) : micros
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    return amount === undefined || amount === null ? '' : String(amount)
  }

  // The decimal string keeps the amount exact: a float of micros / 1e6 could round 0.005 the
  // wrong way.
  const text = formatter(typeof currency === 'string' ? currency : undefined).format(
    formatMicros(amount) as `${number}`,
  )
  // Some currencies are written with a no-break space ("CHF 59.99"). It is outside the GSM-7
  // alphabet, so one would turn the whole message into UCS-2; a plain space reads the same.
  return text.replace(/[\u00a0\u202f]/g, ' ')
}

function formatter(currency: string | undefined): Intl.NumberFormat {
  const key = currency !== undefined && /^[A-Z]{3}$/.test(currency) ? currency : ''
  let format = formats.get(key)
  if (format === undefined) {
    format =
      key === ''
        ? new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
        : new Intl.NumberFormat('en', { style: 'currency', currency: key })
    formats.set(key, format)
  }
  return format
}
