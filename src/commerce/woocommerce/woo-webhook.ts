import { readPlatformJson } from '../platform-json.js'
import type { Translation } from '../translation.js'
import { translateWooOrder } from './translate-woo-order.js'

/** The WooCommerce topics Nudge acts on; others are acknowledged and ignored. */
export const WOO_TOPICS: ReadonlySet<string> = new Set(['order.created', 'order.updated'])

/**
 * Whether a request is the ping WooCommerce sends when a webhook is created or its URL
 * changes: a form-style `webhook_id=N` body with none of the `X-WC-Webhook-*` headers and no
 * signature. It must be answered 200 or WooCommerce reports the webhook as failing.
 */
export function isWooPing(args: {
  readonly topic: string | undefined
  readonly body: Buffer
}): boolean {
  return args.topic === undefined && /^webhook_id=\d+$/.test(args.body.toString('latin1').trim())
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&#038;': '&',
  '&#x26;': '&',
  '&lt;': '<',
  '&#060;': '<',
  '&gt;': '>',
  '&#062;': '>',
  '&quot;': '"',
  '&#034;': '"',
  '&#x22;': '"',
  '&#039;': "'",
  '&#39;': "'",
  '&#x27;': "'",
}

/**
 * The key WooCommerce signs with: the webhook's secret with HTML entities decoded, as
 * WordPress's `wp_specialchars_decode` does. Its admin screen has stored `&` as `&amp;`, so a
 * secret copied from there may carry the entity while the signature used the character.
 */
export function wooSigningKey(secret: string): string {
  return secret.replace(/&#?[a-z0-9]+;/gi, (entity) => ENTITIES[entity.toLowerCase()] ?? entity)
}

/** What a verified WooCommerce delivery says; throws `WebhookPayloadError` for a bad payload. */
export function translateWooWebhook(args: {
  readonly store: Parameters<typeof translateWooOrder>[1]['store']
  readonly topic: string
  readonly body: Buffer
}): Translation {
  if (!WOO_TOPICS.has(args.topic)) return { kind: 'ignored', reason: 'TOPIC_NOT_USED' }
  const json = readPlatformJson(args.body, args.topic)
  return translateWooOrder(json, { store: args.store, topic: args.topic })
}
