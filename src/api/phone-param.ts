import { parseRecipient } from '../messaging/index.js'
import { ValidationError } from '../runtime/index.js'
import type { Store } from '../stores/index.js'

/**
 * A recipient named in a path or query (`%2B12025550143`, or national format in the store's
 * default country) as E.164; anything else is a validation problem on `field`.
 */
export function parsePhoneParam(value: string, store: Store, field = '/phone'): string {
  const parsed = parseRecipient(value, store.defaultCountry ?? undefined)
  if (!parsed.ok) throw new ValidationError([{ field, code: parsed.code, message: parsed.message }])
  return parsed.e164
}
