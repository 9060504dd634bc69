import { createHmac, timingSafeEqual } from 'node:crypto'

/** Base64 of the HMAC-SHA256 of `body` under `secret`: how Shopify and WooCommerce sign. */
export function signWebhookBody(body: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64')
}

/**
 * Whether `signature` (the header's base64 text) is the HMAC-SHA256 of the exact body bytes
 * under one of `secrets`. The body is never parsed first: re-serialised JSON differs in
 * escapes and spacing, and so would its digest. The decoded digests are compared in constant
 * time, so timing tells an attacker nothing about how close a guess came.
 */
export function hasValidSignature(args: {
  readonly body: Buffer
  readonly signature: string | undefined
  readonly secrets: readonly string[]
}): boolean {
  const { body, signature } = args
  if (signature === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature.trim())) return false
  const given = Buffer.from(signature.trim(), 'base64')

  let isValid = false
  for (const secret of args.secrets) {
    const expected = createHmac('sha256', secret).update(body).digest()
    if (given.length === expected.length && timingSafeEqual(given, expected)) isValid = true
  }
  return isValid
}
