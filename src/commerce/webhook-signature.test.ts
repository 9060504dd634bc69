import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { hasValidSignature } from './webhook-signature.js'
import { wooSigningKey } from './woocommerce/woo-webhook.js'

const body = Buffer.from('{"id":820982911946154508,"name":"#1042"}')
const sign = (secret: string, bytes = body) =>
  createHmac('sha256', secret).update(bytes).digest('base64')

describe('hasValidSignature', () => {
  it('accepts the base64 HMAC-SHA256 of the exact body', () => {
    assert.equal(hasValidSignature({ body, signature: sign('shh'), secret: 'shh' }), true)
  })

  it('refuses another secret, another body, hex, and a missing or truncated signature', () => {
    const changed = Buffer.from(body)
    changed[5] = changed[5]! ^ 1
    const hex = createHmac('sha256', 'shh').update(body).digest('hex')

    assert.equal(hasValidSignature({ body, signature: sign('other'), secret: 'shh' }), false)
    assert.equal(hasValidSignature({ body: changed, signature: sign('shh'), secret: 'shh' }), false)
    assert.equal(hasValidSignature({ body, signature: hex, secret: 'shh' }), false)
    assert.equal(hasValidSignature({ body, signature: undefined, secret: 'shh' }), false)
    assert.equal(
      hasValidSignature({ body, signature: sign('shh').slice(0, 20), secret: 'shh' }),
      false,
    )
    assert.equal(hasValidSignature({ body, signature: '', secret: 'shh' }), false)
  })
})

describe('wooSigningKey', () => {
  it('decodes the HTML entities WordPress may have stored in the secret', () => {
    assert.equal(wooSigningKey('a&amp;b&#039;c&quot;d&lt;e&gt;'), `a&b'c"d<e>`)
    assert.equal(wooSigningKey('wcsec_plain-secret'), 'wcsec_plain-secret')
    assert.equal(wooSigningKey('keep &unknown; and &'), 'keep &unknown; and &')
  })
})
