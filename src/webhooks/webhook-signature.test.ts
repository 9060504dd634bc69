import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { test } from 'node:test'
import { signWebhook, verifyWebhookSignature } from './webhook-signature.js'

const SECRET = 'whsec_test_secret'
// 2026-01-01T00:00:00Z
const T = 1_767_225_600
const BODY = '{"id":"evt_01","type":"message.status","data":{"status":"delivered"}}'
// HMAC-SHA256 of `${T}.${BODY}` under SECRET, computed once with `openssl dgst -sha256 -hmac`
// and again with Python's hmac module; both gave this value.
const KNOWN_V1 = 'f9daf2be919a0ddb92970661220e325105b7ff4dff1b43ad5330e75e1d3146e8'

test('signs the timestamp and raw body with HMAC-SHA256 in hex', () => {
  const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex')

  const header = signWebhook({ secret: SECRET, timestampSeconds: T, rawBody: BODY })

  assert.equal(expected, KNOWN_V1)
  assert.equal(header, `t=${T},v1=${KNOWN_V1}`)
})

test('signs UTF-8 text and its bytes alike', () => {
  const body = '{"body":"Café ✓ 日本"}'

  const fromText = signWebhook({ secret: SECRET, timestampSeconds: T, rawBody: body })
  const fromBytes = signWebhook({
    secret: SECRET,
    timestampSeconds: T,
    rawBody: Buffer.from(body, 'utf8'),
  })

  assert.equal(fromText, fromBytes)
})

test('accepts its own signature within the tolerance either way', () => {
  const header = signWebhook({ secret: SECRET, timestampSeconds: T, rawBody: BODY })

  for (const nowSeconds of [T, T + 300, T - 300]) {
    const check = verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, nowSeconds })
    assert.deepEqual(check, { ok: true })
  }
})

test('rejects a tampered body', () => {
  const header = signWebhook({ secret: SECRET, timestampSeconds: T, rawBody: BODY })
  const tampered = BODY.replace('delivered', 'failed')

  const check = verifyWebhookSignature({ secret: SECRET, header, rawBody: tampered, nowSeconds: T })

  assert.deepEqual(check, { ok: false, reason: 'SIGNATURE_MISMATCH' })
})

test('rejects a signature made with another secret', () => {
  const header = signWebhook({ secret: 'whsec_other', timestampSeconds: T, rawBody: BODY })

  const check = verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, nowSeconds: T })

  assert.deepEqual(check, { ok: false, reason: 'SIGNATURE_MISMATCH' })
})

test('rejects a timestamp outside the tolerance, past or future', () => {
  const header = signWebhook({ secret: SECRET, timestampSeconds: T, rawBody: BODY })

  const stale = verifyWebhookSignature({
    secret: SECRET,
    header,
    rawBody: BODY,
    nowSeconds: T + 301,
  })
  const early = verifyWebhookSignature({
    secret: SECRET,
    header,
    rawBody: BODY,
    nowSeconds: T - 301,
  })
  const strict = verifyWebhookSignature({
    secret: SECRET,
    header,
    rawBody: BODY,
    nowSeconds: T + 61,
    toleranceSeconds: 60,
  })

  for (const check of [stale, early, strict]) {
    assert.deepEqual(check, { ok: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' })
  }
})

test('accepts a header with two v1 entries when either matches the secret', () => {
  const old = signWebhook({ secret: 'whsec_old', timestampSeconds: T, rawBody: BODY })
  const oldV1 = old.split(',v1=')[1]

  const newFirst = `t=${T},v1=${KNOWN_V1},v1=${oldV1}`
  const oldFirst = `t=${T}, v1=${oldV1}, v1=${KNOWN_V1}`

  for (const header of [newFirst, oldFirst]) {
    const check = verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, nowSeconds: T })
    assert.deepEqual(check, { ok: true })
  }
  const onlyOld = verifyWebhookSignature({
    secret: SECRET,
    header: `t=${T},v1=${oldV1},v1=${oldV1}`,
    rawBody: BODY,
    nowSeconds: T,
  })
  assert.deepEqual(onlyOld, { ok: false, reason: 'SIGNATURE_MISMATCH' })
})

test('ignores entries of unknown schemes beside v1', () => {
  const header = `t=${T},v0=abc,v1=${KNOWN_V1},v2=zzz`

  const check = verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, nowSeconds: T })

  assert.deepEqual(check, { ok: true })
})

test('reports a missing or malformed header as malformed', () => {
  const headers = [
    undefined,
    '',
    KNOWN_V1,
    `v1=${KNOWN_V1}`,
    `t=${T}`,
    `t=soon,v1=${KNOWN_V1}`,
    `t=-5,v1=${KNOWN_V1}`,
    `t=${T},t=${T},v1=${KNOWN_V1}`,
    `t=${T},v1=${KNOWN_V1.slice(0, 63)}`,
    `t=${T},v1=${KNOWN_V1.slice(0, 63)}g`,
    `t=${T},v1`,
  ]

  for (const header of headers) {
    const check = verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, nowSeconds: T })
    assert.deepEqual(check, { ok: false, reason: 'MALFORMED' }, `header ${String(header)}`)
  }
})
