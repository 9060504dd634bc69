import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startApiHarness, type ApiHarness } from '../../test/support/api-harness.js'
import { tempDir } from '../../test/support/temp-files.js'

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

const PAGE =
  '<!doctype html><title>Nudge</title><script type="module" src="/assets/app.js"></script>'

describe('the dashboard page and bundle', () => {
  let h: ApiHarness
  let dir: string

  before(async () => {
    dir = tempDir('dashboard-bundle')
    writeFileSync(join(dir, 'index.html'), PAGE)
    writeFileSync(join(dir, 'app.js'), 'console.log("nudge")\n')
    writeFileSync(join(dir, 'app.css'), 'body { margin: 0 }\n')
    writeFileSync(join(dir, 'chunk-ABC123.js'), 'export const chart = 1\n')
    h = await startApiHarness({
      sqliteFile: join(tempDir('dashboard-page'), 'nudge.db'),
      dashboardDir: dir,
    })
  })
  after(() => h.close())

  it('answers / with the page, its security headers and a validator', async () => {
    const res = await h.app.inject({ url: '/' })

    assert.equal(res.statusCode, 200)
    assert.equal(res.body, PAGE)
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8')
    assert.equal(res.headers['content-security-policy'], CSP)
    assert.equal(res.headers['x-content-type-options'], 'nosniff')
    assert.equal(res.headers['referrer-policy'], 'no-referrer')
    assert.equal(res.headers['cache-control'], 'no-cache')
    assert.match(String(res.headers['etag']), /^"[A-Za-z0-9_-]{27}"$/)
  })

  it('answers the page at each of the dashboard’s own paths and below them', async () => {
    const paths = ['/login', '/connect', '/flows', '/messages', '/contacts', '/analytics']
    paths.push('/carriers', '/flows/abandoned_checkout', '/messages/msg_01JD8X', '/contacts/')

    for (const url of paths) {
      const res = await h.app.inject({ url })
      assert.equal(res.statusCode, 200, url)
      assert.equal(res.body, PAGE, url)
      assert.equal(res.headers['content-security-policy'], CSP, url)
    }
    const other = await h.app.inject({ url: '/settings' })
    assert.equal(other.statusCode, 404)
    assert.equal(other.json().code, 'NOT_FOUND')
  })

  it('serves the script and stylesheet with their types, revalidated by ETag', async () => {
    const script = await h.app.inject({ url: '/assets/app.js' })
    const style = await h.app.inject({ url: '/assets/app.css' })
    const unchanged = await h.app.inject({
      url: '/assets/app.js',
      headers: { 'if-none-match': String(script.headers['etag']) },
    })

    assert.equal(script.statusCode, 200)
    assert.equal(script.body, 'console.log("nudge")\n')
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8')
    assert.equal(script.headers['cache-control'], 'no-cache')
    assert.equal(script.headers['content-security-policy'], CSP)
    assert.equal(script.headers['x-content-type-options'], 'nosniff')
    assert.equal(style.headers['content-type'], 'text/css; charset=utf-8')
    assert.notEqual(style.headers['etag'], script.headers['etag'])
    assert.equal(unchanged.statusCode, 304)
    assert.equal(unchanged.body, '')
    assert.equal(unchanged.headers['etag'], script.headers['etag'])
  })

  it('serves a chunk of the build, and nothing else from the folder or above it', async () => {
    const chunk = await h.app.inject({ url: '/assets/chunk-ABC123.js' })
    assert.equal(chunk.statusCode, 200)
    assert.equal(chunk.body, 'export const chart = 1\n')
    assert.equal(chunk.headers['content-type'], 'text/javascript; charset=utf-8')

    for (const url of [
      '/assets/chunk-MISSING.js',
      '/assets/index.html',
      '/assets/..%2Fpackage.json',
      '/assets/app.js.map',
    ]) {
      const res = await h.app.inject({ url })
      assert.equal(res.statusCode, 404, url)
      assert.equal(res.json().code, 'NOT_FOUND', url)
    }
  })

  it('serves a new build at the next request, under a new ETag', async () => {
    const before = await h.app.inject({ url: '/assets/app.css' })
    writeFileSync(join(dir, 'app.css'), 'body { margin: 0; color: #222 }\n')

    const res = await h.app.inject({
      url: '/assets/app.css',
      headers: { 'if-none-match': String(before.headers['etag']) },
    })

    assert.equal(res.statusCode, 200)
    assert.equal(res.body, 'body { margin: 0; color: #222 }\n')
    assert.notEqual(res.headers['etag'], before.headers['etag'])
  })

  it('describes the session routes in the OpenAPI document, and not the page', async () => {
    const doc = (await h.app.inject({ url: '/openapi.json' })).json()

    const paths = Object.keys(doc.paths)
    assert.ok(paths.includes('/dashboard/session'))
    assert.deepEqual(Object.keys(doc.paths['/dashboard/session']).sort(), ['delete', 'get', 'post'])
    for (const path of paths) assert.doesNotMatch(path, /^\/($|assets|login|flows\/)/)
    assert.deepEqual(doc.components.securitySchemes.dashboardSession, {
      type: 'apiKey',
      in: 'cookie',
      name: 'nudge_session',
      description: doc.components.securitySchemes.dashboardSession.description,
    })
  })
})

describe('a dashboard that is missing or not served', () => {
  it('answers a 503 problem saying to build it when the bundle is missing', async () => {
    const h = await startApiHarness({ dashboardDir: tempDir('dashboard-unbuilt') })
    try {
      const page = await h.app.inject({ url: '/' })
      const script = await h.app.inject({ url: '/assets/app.js' })

      assert.equal(page.statusCode, 503)
      assert.equal(page.headers['content-type'], 'application/problem+json; charset=utf-8')
      assert.equal(page.json().code, 'DASHBOARD_NOT_BUILT')
      assert.match(page.json().detail, /run npm run build/)
      assert.equal(script.statusCode, 503)
    } finally {
      await h.close()
    }
  })

  it('serves neither the page nor the session routes in a process that only sends', async () => {
    const dir = tempDir('dashboard-worker')
    writeFileSync(join(dir, 'index.html'), PAGE)
    const h = await startApiHarness({ dashboardDir: dir, surface: 'operations' })
    try {
      const page = await h.app.inject({ url: '/' })
      const login = await h.app.inject({
        method: 'POST',
        url: '/dashboard/session',
        payload: { api_key: 'x' },
      })
      const health = await h.app.inject({ url: '/healthz' })

      assert.equal(page.statusCode, 404)
      assert.equal(login.statusCode, 404)
      assert.equal(health.statusCode, 200)
    } finally {
      await h.close()
    }
  })
})
