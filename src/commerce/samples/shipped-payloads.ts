import { readFileSync } from 'node:fs'

/** Shopify webhook payloads shipped with Nudge, next to the package's `src`. */
const PAYLOADS = new URL('../../../demo/shopify/', import.meta.url)

/**
 * One of the shipped payloads, e.g. `checkouts-create.json`, as text: it is sent as it is,
 * never parsed and written again, so 64-bit ids keep every digit.
 */
export function readShopifyPayload(name: string): string {
  return readFileSync(new URL(name, PAYLOADS), 'utf8')
}
