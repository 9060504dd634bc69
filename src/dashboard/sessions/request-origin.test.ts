import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { hasOwnOrigin, isHttpsForBrowser, type OriginFacts } from './request-origin.js'

function request(host: string, origin: string | undefined, protocol = 'http'): OriginFacts {
  return { method: 'POST', protocol, host, headers: origin === undefined ? {} : { origin } }
}

describe('request origin', () => {
  it('accepts a request without Origin, or with Nudge’s own', () => {
    assert.equal(hasOwnOrigin(request('127.0.0.1:8080', undefined)), true)
    assert.equal(hasOwnOrigin(request('127.0.0.1:8080', 'http://127.0.0.1:8080')), true)
    assert.equal(hasOwnOrigin(request('sms.example', 'http://sms.example:80')), true)
    assert.equal(hasOwnOrigin(request('[::1]:8080', 'http://[::1]:8080')), true)
  })

  it('refuses another host, another port, an opaque origin and a downgrade to http', () => {
    assert.equal(hasOwnOrigin(request('127.0.0.1:8080', 'http://evil.example')), false)
    assert.equal(hasOwnOrigin(request('127.0.0.1:8080', 'http://127.0.0.1:8081')), false)
    assert.equal(hasOwnOrigin(request('127.0.0.1:8080', 'null')), false)
    assert.equal(hasOwnOrigin(request('sms.example', 'http://sms.example', 'https')), false)
  })

  it('accepts the https origin of a page served through a proxy that ends TLS', () => {
    const proxied = request('sms.example', 'https://sms.example')

    assert.equal(hasOwnOrigin(proxied), true)
    assert.equal(isHttpsForBrowser(proxied), true)
    assert.equal(isHttpsForBrowser(request('sms.example', 'http://sms.example')), false)
    assert.equal(isHttpsForBrowser(request('sms.example', undefined, 'https')), true)
  })
})
