import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import { startApiHarness, type ApiHarness } from '../../test/support/api-harness.js'
import { tempDir } from '../../test/support/temp-files.js'
import { DashboardPasswords } from './sessions/dashboard-passwords.js'

const HOUR_MS = 60 * 60 * 1000
const COOKIE =
  /^nudge_session=([A-Za-z0-9_-]{43}); HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/

/** A browser's view of a login: the cookie to send back and the token to echo. */
interface Browser {
  readonly cookie: string
  readonly csrfToken: string
}

describe('dashboard sessions over HTTP', () => {
  let h: ApiHarness
  let passwords: DashboardPasswords

  before(async () => {
    h = await startApiHarness({ sqliteFile: join(tempDir('dashboard-sessions'), 'nudge.db') })
    passwords = new DashboardPasswords({ db: h.db })
  })
  after(() => h.close())

  function logIn(body: unknown, headers: Record<string, string> = {}, remoteAddress?: string) {
    return h.app.inject({
      method: 'POST',
      url: '/dashboard/session',
      payload: body as Record<string, unknown>,
      headers,
      ...(remoteAddress === undefined ? {} : { remoteAddress }),
    })
  }

  function browserOf(res: LightMyRequestResponse): Browser {
    const match = COOKIE.exec(String(res.headers['set-cookie']))
    assert.ok(match, `a session cookie: ${String(res.headers['set-cookie'])}`)
    return { cookie: `nudge_session=${match[1]}`, csrfToken: res.json().csrf_token }
  }

  async function loggedIn(
    name: string,
    settings: Parameters<ApiHarness['store']>[1] = {},
  ): Promise<{ id: string; apiKey: string } & Browser> {
    const shop = await h.store(name, settings)
    const apiKey = shop.auth.authorization.slice('Bearer '.length)
    const res = await logIn({ api_key: apiKey })
    assert.equal(res.statusCode, 200, res.body)
    return { id: shop.id, apiKey, ...browserOf(res) }
  }

  it('logs in with the API key: the store, a CSRF token and an HttpOnly, SameSite=Strict cookie', async () => {
    const shop = await h.store('Northwind')

    const res = await logIn({ api_key: shop.auth.authorization.slice('Bearer '.length) })

    assert.equal(res.statusCode, 200, res.body)
    const body = res.json()
    assert.deepEqual(body.store, { id: shop.id, name: 'Northwind' })
    assert.match(body.csrf_token, /^[A-Za-z0-9_-]{43}$/)
    assert.match(String(res.headers['set-cookie']), COOKIE)
    assert.equal(res.headers['cache-control'], 'no-store')
    assert.notEqual(browserOf(res).cookie.slice('nudge_session='.length), body.csrf_token)
  })

  it('logs in with the store id and dashboard password', async () => {
    const shop = await h.store('Atelier')
    await passwords.set(shop.id, 'lavender fields 42')

    const res = await logIn({ store_id: shop.id, password: 'lavender fields 42' })

    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json().store, { id: shop.id, name: 'Atelier' })
    assert.match(String(res.headers['set-cookie']), COOKIE)
  })

  it('refuses every wrong login with the same 401 and sets no cookie', async () => {
    const shop = await h.store('Guarded')
    const unprotected = await h.store('No password')
    await passwords.set(shop.id, 'lavender fields 42')
    const attempts = [
      { api_key: 'nk_live_not-a-key' },
      { store_id: shop.id, password: 'lavender fields 43' },
      { store_id: 'st_00000000000000000000000000', password: 'lavender fields 42' },
      { store_id: unprotected.id, password: 'lavender fields 42' },
      { store_id: shop.id },
      {},
    ]

    const answers = []
    for (const body of attempts) answers.push(await logIn(body, {}, '192.0.2.10'))

    for (const res of answers) {
      assert.equal(res.statusCode, 401)
      assert.equal(res.headers['set-cookie'], undefined)
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
    }
    const bodies = answers.map((res) => res.json())
    assert.equal(bodies[0].code, 'LOGIN_FAILED')
    assert.equal(bodies[0].type, '/problems/login-failed')
    for (const body of bodies) assert.deepEqual(body, bodies[0])
  })

  it('marks the cookie Secure when the page came over https through a TLS-ending proxy', async () => {
    const shop = await h.store('Behind a proxy')
    const apiKey = shop.auth.authorization.slice('Bearer '.length)

    const res = await logIn(
      { api_key: apiKey },
      { host: 'sms.example', origin: 'https://sms.example' },
    )

    assert.equal(res.statusCode, 200, res.body)
    assert.match(String(res.headers['set-cookie']), /; Max-Age=43200; Secure$/)
  })

  it('refuses a login posted from another site’s page', async () => {
    const shop = await h.store('Login CSRF')

    const res = await logIn(
      { api_key: shop.auth.authorization.slice('Bearer '.length) },
      { origin: 'https://evil.example' },
    )

    assert.equal(res.statusCode, 403)
    assert.equal(res.json().code, 'CSRF_FAILED')
    assert.equal(res.headers['set-cookie'], undefined)
  })

  it('shows the session to its browser, and 401 without one', async () => {
    const browser = await loggedIn('Session')

    const read = await h.app.inject({
      url: '/dashboard/session',
      headers: { cookie: browser.cookie },
    })
    const none = await h.app.inject({ url: '/dashboard/session' })

    assert.equal(read.statusCode, 200)
    assert.deepEqual(read.json(), {
      store: { id: browser.id, name: 'Session' },
      csrf_token: browser.csrfToken,
    })
    assert.equal(none.statusCode, 401)
    assert.equal(none.json().code, 'SESSION_REQUIRED')
  })

  it('reads the store through the session cookie', async () => {
    const browser = await loggedIn('Cookie reader')

    const res = await h.app.inject({ url: '/v1/store', headers: { cookie: browser.cookie } })

    assert.equal(res.statusCode, 200)
    assert.equal(res.json().id, browser.id)
  })

  it('refuses a change by cookie without the right X-CSRF-Token, and changes nothing', async () => {
    const browser = await loggedIn('Unchanged')
    const patch = (headers: Record<string, string>) =>
      h.app.inject({
        method: 'PATCH',
        url: '/v1/store',
        headers: { cookie: browser.cookie, ...headers },
        payload: { name: 'Hijacked' },
      })

    const without = await patch({})
    const wrong = await patch({ 'x-csrf-token': `${browser.csrfToken.slice(0, -1)}A` })
    const foreign = await patch({
      'x-csrf-token': browser.csrfToken,
      origin: 'https://evil.example',
    })

    for (const res of [without, wrong, foreign]) {
      assert.equal(res.statusCode, 403)
      assert.equal(res.json().code, 'CSRF_FAILED')
      assert.equal(res.json().type, '/problems/csrf-failed')
    }
    const store = await h.app.inject({ url: '/v1/store', headers: { cookie: browser.cookie } })
    assert.equal(store.json().name, 'Unchanged')
  })

  it('makes a change by cookie that carries the session’s token from the dashboard’s own origin', async () => {
    const browser = await loggedIn('Before')

    const res = await h.app.inject({
      method: 'PATCH',
      url: '/v1/store',
      headers: {
        cookie: browser.cookie,
        'x-csrf-token': browser.csrfToken,
        origin: 'http://localhost:80',
      },
      payload: { name: 'After' },
    })

    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().name, 'After')
  })

  it('judges a request with an Authorization header by its API key alone', async () => {
    const browser = await loggedIn('Key first')

    const byKey = await h.app.inject({
      method: 'PATCH',
      url: '/v1/store',
      headers: { authorization: `Bearer ${browser.apiKey}`, cookie: 'nudge_session=stale' },
      payload: { name: 'Key first, renamed' },
    })
    const badKey = await h.app.inject({
      url: '/v1/store',
      headers: { authorization: 'Bearer nk_live_wrong', cookie: browser.cookie },
    })
    const nothing = await h.app.inject({ url: '/v1/store' })

    assert.equal(byKey.statusCode, 200, byKey.body)
    assert.equal(byKey.json().name, 'Key first, renamed')
    assert.equal(badKey.statusCode, 401)
    assert.equal(badKey.json().code, 'UNAUTHORIZED')
    assert.equal(nothing.statusCode, 401)
    assert.equal(nothing.json().code, 'UNAUTHORIZED')
  })

  it('logs out with the CSRF token: the session ends and the cookie is cleared', async () => {
    const browser = await loggedIn('Logout')

    const refused = await h.app.inject({
      method: 'DELETE',
      url: '/dashboard/session',
      headers: { cookie: browser.cookie },
    })
    const out = await h.app.inject({
      method: 'DELETE',
      url: '/dashboard/session',
      headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrfToken },
    })
    const after = await h.app.inject({ url: '/v1/store', headers: { cookie: browser.cookie } })

    assert.equal(refused.statusCode, 403)
    assert.equal(out.statusCode, 204)
    assert.equal(
      out.headers['set-cookie'],
      'nudge_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0',
    )
    assert.equal(after.statusCode, 401)
    assert.equal(after.json().code, 'SESSION_REQUIRED')
  })

  it('keeps a session used within 12 hours, renewing the cookie, and ends it after 12 idle hours', async () => {
    const browser = await loggedIn('Idle')
    const read = () => h.app.inject({ url: '/v1/store', headers: { cookie: browser.cookie } })

    h.clock.advance(11 * HOUR_MS)
    const used = await read()
    h.clock.advance(11 * HOUR_MS)
    const usedAgain = await read()
    h.clock.advance(12 * HOUR_MS)
    const idle = await read()

    assert.equal(used.statusCode, 200)
    assert.equal(
      used.headers['set-cookie'],
      `${browser.cookie}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200`,
    )
    assert.equal(usedAgain.statusCode, 200)
    assert.equal(idle.statusCode, 401)
    assert.equal(idle.json().code, 'SESSION_REQUIRED')
    assert.match(String(idle.headers['set-cookie']), /^nudge_session=; .*Max-Age=0$/)
  })

  it('does not keep a session alive for a page refreshing itself in the background', async () => {
    const browser = await loggedIn('Background')
    const refresh = () =>
      h.app.inject({
        url: '/v1/store',
        headers: { cookie: browser.cookie, 'x-nudge-background': '1' },
      })

    h.clock.advance(6 * HOUR_MS)
    const early = await refresh()
    h.clock.advance(5 * HOUR_MS)
    const late = await refresh()
    h.clock.advance(HOUR_MS)
    const after = await refresh()

    assert.equal(early.statusCode, 200)
    assert.equal(early.headers['set-cookie'], undefined)
    assert.equal(late.statusCode, 200)
    assert.equal(after.statusCode, 401, '12 hours after the last use by a person')
  })

  it('ends a session used every few hours 7 days after the login', async () => {
    const browser = await loggedIn('Week')
    const read = () => h.app.inject({ url: '/v1/store', headers: { cookie: browser.cookie } })

    for (let hours = 0; hours < 7 * 24 - 8; hours += 8) {
      h.clock.advance(8 * HOUR_MS)
      assert.equal((await read()).statusCode, 200)
    }
    h.clock.advance(8 * HOUR_MS)

    assert.equal((await read()).statusCode, 401)
  })

  it('ends the store’s sessions when a new password is set', async () => {
    const browser = await loggedIn('Reset')

    await passwords.set(browser.id, 'a brand new password')

    const res = await h.app.inject({ url: '/v1/store', headers: { cookie: browser.cookie } })
    assert.equal(res.statusCode, 401)
    const again = await logIn({ store_id: browser.id, password: 'a brand new password' })
    assert.equal(again.statusCode, 200)
  })

  it('answers 429 with Retry-After once an address failed ten logins in 15 minutes', async () => {
    const shop = await h.store('Throttled')
    const apiKey = shop.auth.authorization.slice('Bearer '.length)
    for (let i = 0; i < 10; i++) {
      const res = await logIn({ api_key: `nk_live_guess_${i}` }, {}, '198.51.100.23')
      assert.equal(res.statusCode, 401)
      h.clock.advance(1000)
    }

    const throttled = await logIn({ api_key: apiKey }, {}, '198.51.100.23')
    const elsewhere = await logIn({ api_key: apiKey }, {}, '198.51.100.24')
    h.clock.advance(15 * 60 * 1000 - 10_000)
    const later = await logIn({ api_key: apiKey }, {}, '198.51.100.23')

    assert.equal(throttled.statusCode, 429)
    assert.equal(throttled.json().code, 'LOGIN_THROTTLED')
    assert.equal(throttled.headers['retry-after'], '890')
    assert.equal(throttled.headers['set-cookie'], undefined)
    assert.equal(elsewhere.statusCode, 200)
    assert.equal(later.statusCode, 200)
  })

  it('leaves short links and platform webhooks to their own checks, cookie or not', async () => {
    const browser = await loggedIn('Webhooks', {
      platform: 'shopify',
      platformSecret: 'shpss_webhooks-signing-secret',
    })

    const link = await h.app.inject({ url: '/r/Ab3dE9x', headers: { cookie: browser.cookie } })
    const webhook = await h.app.inject({
      method: 'POST',
      url: `/v1/stores/${browser.id}/shopify/webhooks`,
      headers: { cookie: browser.cookie, 'x-shopify-topic': 'orders/create' },
      payload: { id: 1 },
    })

    assert.equal(link.statusCode, 404)
    assert.equal(link.json().code, 'NOT_FOUND')
    assert.equal(webhook.statusCode, 401)
    assert.equal(webhook.json().code, 'WEBHOOK_SIGNATURE_INVALID')
  })
})
