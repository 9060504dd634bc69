import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { startNudge, type RunningNudge } from '../src/cli/start-nudge.js'
import { loadConfig } from '../src/config/index.js'
import { silentLogger } from '../src/runtime/index.js'
import { runNudge } from './support/child-process.js'
import { tempDir } from './support/temp-files.js'

/** Logs in over HTTP as a browser would, returning the answer and the cookie to send back. */
async function logIn(apiUrl: string, body: unknown): Promise<{ status: number; cookie?: string }> {
  const res = await fetch(`${apiUrl}/dashboard/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: apiUrl },
    body: JSON.stringify(body),
  })
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  return { status: res.status, ...(cookie === undefined ? {} : { cookie }) }
}

describe('dashboard passwords from the command line', () => {
  let dir: string
  let db: string
  let nudge: RunningNudge
  let storeId: string

  before(async () => {
    dir = tempDir('dashboard-login')
    db = join(dir, 'nudge.db')
    const created = await runNudge([
      'stores',
      'create',
      'Northwind',
      '--dashboard-password',
      'lavender fields 42',
      '--db',
      db,
      '--json',
    ])
    assert.equal(created.code, 0, created.stderr)
    const out = JSON.parse(created.stdout) as { id: string; dashboard_password: boolean }
    assert.equal(out.dashboard_password, true)
    storeId = out.id

    const config = loadConfig({ db, port: '0', host: '127.0.0.1' }, {})
    nudge = await startNudge({ config, logger: silentLogger() })
  })
  after(() => nudge.close())

  it('logs in over HTTP with the password `stores create` set', async () => {
    const login = await logIn(nudge.apiUrl, { store_id: storeId, password: 'lavender fields 42' })

    assert.equal(login.status, 200)
    const store = await fetch(`${nudge.apiUrl}/v1/store`, { headers: { cookie: login.cookie! } })
    assert.equal(store.status, 200)
    assert.equal(((await store.json()) as { name: string }).name, 'Northwind')
  })

  it('changes the password with `stores password`, ending the open sessions', async () => {
    const before = await logIn(nudge.apiUrl, { store_id: storeId, password: 'lavender fields 42' })

    const changed = await runNudge([
      'stores',
      'password',
      storeId,
      '--dashboard-password',
      'harbour lights 2027',
      '--db',
      db,
    ])

    assert.equal(changed.code, 0, changed.stderr)
    assert.match(changed.stdout, new RegExp(`Dashboard password set for ${storeId}; \\d+ open`))
    const old = await fetch(`${nudge.apiUrl}/v1/store`, { headers: { cookie: before.cookie! } })
    assert.equal(old.status, 401)
    const oldPassword = { store_id: storeId, password: 'lavender fields 42' }
    assert.equal((await logIn(nudge.apiUrl, oldPassword)).status, 401)
    const newPassword = { store_id: storeId, password: 'harbour lights 2027' }
    assert.equal((await logIn(nudge.apiUrl, newPassword)).status, 200)
  })

  it('ends the open sessions when the store’s API key is rotated', async () => {
    const password = { store_id: storeId, password: 'harbour lights 2027' }
    const before = await logIn(nudge.apiUrl, password)

    const rotated = await runNudge(['keys', 'rotate', '--store', storeId, '--db', db])

    assert.equal(rotated.code, 0, rotated.stderr)
    const old = await fetch(`${nudge.apiUrl}/v1/store`, { headers: { cookie: before.cookie! } })
    assert.equal(old.status, 401)
    assert.equal((await logIn(nudge.apiUrl, password)).status, 200)
  })

  it('refuses a short password, a missing store or password, and an unknown store', async () => {
    const short = await runNudge([
      'stores',
      'create',
      'Short',
      '--dashboard-password',
      'pw',
      '--db',
      db,
    ])
    const noStore = await runNudge([
      'stores',
      'password',
      '--dashboard-password',
      'long enough!',
      '--db',
      db,
    ])
    const noPassword = await runNudge(['stores', 'password', storeId, '--db', db])
    const unknown = await runNudge([
      'stores',
      'password',
      'st_unknown',
      '--dashboard-password',
      'long enough!',
      '--db',
      db,
    ])

    assert.equal(short.code, 2)
    assert.match(
      short.stderr,
      /--dashboard-password: the dashboard password must be at least 10 characters long/,
    )
    assert.equal(noStore.code, 2)
    assert.match(noStore.stderr, /name one store: nudge stores password STORE_ID/)
    assert.equal(noPassword.code, 2)
    assert.match(noPassword.stderr, /give the new password: nudge stores password STORE_ID/)
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /store st_unknown was not found/)
  })
})

const BUILT_CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
const BUILT_PAGE = fileURLToPath(new URL('../dist/public/index.html', import.meta.url))

describe('the built command', () => {
  it(
    'serves the built dashboard page and script at / and /assets/',
    { skip: !(existsSync(BUILT_CLI) && existsSync(BUILT_PAGE)) && 'needs npm run build' },
    async (t) => {
      const db = join(tempDir('dashboard-built'), 'nudge.db')
      const created = await runNudge(['stores', 'create', 'Built', '--db', db])
      assert.equal(created.code, 0, created.stderr)
      const child = spawn(process.execPath, [BUILT_CLI, 'serve', '--db', db, '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const exited = new Promise((resolve) => child.once('exit', resolve))
      t.after(async () => {
        if (child.exitCode === null) child.kill('SIGTERM')
        await exited
      })

      const apiUrl = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`nudge serve exited with ${code}`)))
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (!line.startsWith('{')) return
          const entry = JSON.parse(line) as { msg?: string; api?: string }
          if (entry.msg === 'nudge started' && entry.api !== undefined) resolve(entry.api)
        })
      })
      const page = await fetch(`${apiUrl}/flows`)
      const script = await fetch(`${apiUrl}/assets/app.js`)

      assert.equal(page.status, 200)
      assert.match(await page.text(), /<script type="module" src="\/assets\/app\.js">/)
      assert.match(String(page.headers.get('content-security-policy')), /^default-src 'self';/)
      assert.equal(script.status, 200)
      assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8')
      assert.ok((await script.text()).length > 0)
    },
  )
})
