import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Whether `signature` (the header's base64 text) is the HMAC-SHA256 of the exact body bytes
 * under `secret`, as Shopify and WooCommerce sign. The body is never parsed first: re-serialised JSON differs in
 * escapes and spacing, and so would its digest. The decoded digests are compared in constant
 * time, so timing tells an attacker nothing about how close a guess came.
 */
export function hasValidSignature(args: {
  readonly body: Buffer
  readonly signature: string | undefined
  readonly secret: string
}): boolean {
  const { body, signature } = args
  if (signature === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature.trim())) return false
  const given = Buffer.from(signature.trim(), 'base64')

  const expected = createHmac('sha256', args.secret).update(body).digest()
  return given.length === expected.length && timingSafeEqual(given, expected)
}
