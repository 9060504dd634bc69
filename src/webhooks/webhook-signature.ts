import { createHmac, timingSafeEqual } from 'node:crypto'

/** How far the signed timestamp may be from the receiver's clock, either way. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300

export interface SignWebhookOptions {
  /** The store's `webhook_secret`. */
  readonly secret: string
  /** When the request is sent, in whole seconds since the Unix epoch. */
  readonly timestampSeconds: number
  /** The request body exactly as it goes on the wire. */
  readonly rawBody: string | Uint8Array
}

export interface VerifyWebhookSignatureOptions {
  readonly secret: string
  /** Value of the `Nudge-Signature` header; absent counts as malformed. */
  readonly header: string | undefined
  /** The request body exactly as received, before any JSON parsing. */
  readonly rawBody: string | Uint8Array
  /** The receiver's current time in seconds since the Unix epoch. */
  readonly nowSeconds: number
  /** Largest accepted distance between `t=` and `nowSeconds`. Default 300. */
  readonly toleranceSeconds?: number
}

export type SignatureProblem = 'MALFORMED' | 'TIMESTAMP_OUT_OF_TOLERANCE' | 'SIGNATURE_MISMATCH'

export type SignatureCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: SignatureProblem }

/**
 * Builds the `Nudge-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256>`, the HMAC keyed
 * with the secret over `"<t>.<rawBody>"`. Signing the timestamp with the body lets a receiver
 * refuse a captured request replayed later.
 */
export function signWebhook(options: SignWebhookOptions): string {
  if (!Number.isSafeInteger(options.timestampSeconds) || options.timestampSeconds < 0) {
    throw new RangeError('timestampSeconds must be a non-negative whole number of seconds')
  }
  return `t=${options.timestampSeconds},v1=${computeSignature(options)}`
}

/**
 * Checks a `Nudge-Signature` header against the raw body. Several `v1=` entries are accepted
 * and any one may match, so a sender can sign with an old and a new secret while a rotation
 * is in progress. Keys other than `t` and `v1` are ignored, leaving room for later schemes.
 */
export function verifyWebhookSignature(options: VerifyWebhookSignatureOptions): SignatureCheck {
  const parsed = parseSignatureHeader(options.header)
  if (parsed === undefined) return { ok: false, reason: 'MALFORMED' }

  const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS
  if (Math.abs(options.nowSeconds - parsed.timestampSeconds) > toleranceSeconds) {
    return { ok: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' }
  }

  const expected = Buffer.from(
    computeSignature({
      secret: options.secret,
      timestampSeconds: parsed.timestampSeconds,
      rawBody: options.rawBody,
    }),
    'hex',
  )
  // Every candidate is compared in full, without stopping at the first match, so the time
  // taken says nothing about which entry (or how much of it) was right.
  let isMatch = false
  for (const candidate of parsed.signatures) {
    if (timingSafeEqual(candidate, expected)) isMatch = true
  }
  return isMatch ? { ok: true } : { ok: false, reason: 'SIGNATURE_MISMATCH' }
}

function computeSignature(options: SignWebhookOptions): string {
  return createHmac('sha256', options.secret)
    .update(`${options.timestampSeconds}.`)
    .update(options.rawBody)
    .digest('hex')
}

interface ParsedSignature {
  readonly timestampSeconds: number
  readonly signatures: readonly Buffer[]
}

const TIMESTAMP = /^\d{1,15}$/
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/

/** Reads `t=…,v1=…[,v1=…]`; undefined unless there is exactly one `t` and at least one `v1`. */
function parseSignatureHeader(header: string | undefined): ParsedSignature | undefined {
  if (header === undefined) return undefined

  let timestampSeconds: number | undefined
  const signatures: Buffer[] = []
  for (const part of header.split(',')) {
    const separator = part.indexOf('=')
    if (separator === -1) return undefined
    const key = part.slice(0, separator).trim()
    const value = part.slice(separator + 1).trim()
    if (key === 't') {
      if (timestampSeconds !== undefined || !TIMESTAMP.test(value)) return undefined
      timestampSeconds = Number(value)
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value)) return undefined
      signatures.push(Buffer.from(value, 'hex'))
    }
  }

  if (timestampSeconds === undefined || signatures.length === 0) return undefined
  return { timestampSeconds, signatures }
}
