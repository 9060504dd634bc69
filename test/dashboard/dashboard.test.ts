import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startNudge, type RunningNudge } from '../../src/cli/start-nudge.js'
import { loadConfig } from '../../src/config/index.js'
import { ScaledClock, silentLogger } from '../../src/runtime/index.js'
import { openDatabase } from '../../src/storage/index.js'
import { launchChromium, screenshot, VIEWPORTS } from '../support/browser.js'
import { tempDir, writeJson } from '../support/temp-files.js'
import { sleep } from '../support/wait-for-final.js'

/** A Wednesday, noon in Washington: inside every sending window the sample number has. */
const START_MS = Date.parse('2026-06-10T12:00:00-04:00')
const MINUTE = 60_000
const SAMPLE_PHONE = '+12025550143'
const PERIOD = '?from=2026-06-01&to=2026-06-30'
const REMINDER =
  'Hi {{ customer.first_name }}, your cart at {{ store.name }} is waiting: {{ recovery_url }} ' +
  'Reply STOP to opt out.'

/**
 * A store owner's first session, in Debian's Chromium against a running Nudge with the
 * built-in SMSC simulator: log in by keyboard, switch cart recovery on, edit the reminder
 * and watch the preview count it, replay a sample checkout from the Connect page, see the
 * reminder delivered in the log, send the sample order and read the recovered revenue. A
 * fast clock stands in for the half hour the reminder waits.
 */
describe('the dashboard in a browser', () => {
  const dir = tempDir('dashboard')
  const clock = new ScaledClock(START_MS)
  let nudge: RunningNudge
  let apiKey = ''
  let browser: Browser
  let context: BrowserContext
  let page: Page

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${nudge.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`)
    return (text === '' ? undefined : JSON.parse(text)) as T
  }

  /** Clicks a page in the navigation bar and waits for its heading. */
  const openPage = async (title: string, heading: string) => {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: title }).click()
    await page.getByRole('heading', { level: 1, name: heading }).waitFor()
  }

  before(async () => {
    const configFile = writeJson(dir, 'nudge.json', {
      simulator: { receiptDelayMs: 30, segmentsPerSecond: 1000, window: 20 },
    })
    const config = loadConfig({ config: configFile, db: join(dir, 'nudge.db'), port: '0' }, {})
    nudge = await startNudge({ config, logger: silentLogger(), clock })
    const created = await nudge.registry.create('Northwind Outfitters', {
      platform: 'shopify',
      platformSecret: 'shpss_dashboard_test_secret',
      publicBaseUrl: nudge.apiUrl,
    })
    apiKey = created.apiKey
    await api('PATCH', '/v1/store', {
      default_sender: '+12025550100',
      default_country: 'US',
      time_zone: 'America/New_York',
    })
    await api('PATCH', '/v1/flows/abandoned_checkout', { enabled: false })

    browser = await launchChromium()
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-US' })
    page = await context.newPage()
  })

  after(async () => {
    await browser?.close()
    await nudge?.close()
  })

  it('logs in with the API key, by keyboard alone', async () => {
    await page.goto(`${nudge.apiUrl}/`)
    await page.getByRole('button', { name: 'Log in' }).waitFor()
    await screenshot(page, 'login', 'desktop')
    // Tab alone reaches the key field, past the choice of login method.
    for (let presses = 0; presses < 5; presses++) {
      await page.keyboard.press('Tab')
      if ((await page.evaluate<string>('document.activeElement.name')) === 'api_key') break
    }
    await page.keyboard.type(apiKey)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Connect your store' }).waitFor()

    const cookies = await context.cookies()
    const session = cookies.find((c) => c.name === 'nudge_session')
    assert.ok(session, 'a session cookie is set')
    assert.equal(session.httpOnly, true)
    assert.equal(session.sameSite, 'Strict')
  })

  it('a wrong key is refused with the reason shown', async () => {
    const other = await context.browser()!.newContext({ viewport: VIEWPORTS.desktop })
    const fresh = await other.newPage()
    await fresh.goto(`${nudge.apiUrl}/`)
    await fresh.locator('input[name="api_key"]').fill('nk_live_not_a_key')
    await fresh.getByRole('button', { name: 'Log in' }).click()
    await fresh.getByRole('alert').waitFor()
    assert.deepEqual(await other.cookies(), [])
    await other.close()
  })

  it('switches the abandoned-checkout flow on', async () => {
    await openPage('Flows', 'Flows')
    const toggle = page.getByRole('switch', { name: 'Abandoned checkout on' })
    assert.equal(await toggle.isChecked(), false)
    await toggle.focus()
    await page.keyboard.press('Space')
    await page.getByRole('switch', { name: 'Abandoned checkout on', checked: true }).waitFor()
    const flow = await api<{ enabled: boolean }>('GET', '/v1/flows/abandoned_checkout')
    assert.equal(flow.enabled, true)
  })

  it('edits the first reminder and the preview counts what it will send', async () => {
    const template = page.locator('textarea[name="template_0"]')
    const preview = page.getByTestId('preview-text').first()

    // A typographic apostrophe is not in GSM 03.38: the preview must say UCS-2 and name it.
    await template.fill('Hi {{ customer.first_name }}, we’ve kept your cart: {{ recovery_url }}')
    await page.getByTestId('ucs2-characters').first().waitFor()
    assert.match(await preview.innerText(), /^Hi Maya, we’ve kept your cart: http/)
    assert.match(await page.getByTestId('ucs2-characters').first().innerText(), /’ U\+2019/)
    assert.equal(
      await page.getByTestId('preview-sample').first().getByTestId('encoding').innerText(),
      'UCS-2',
    )

    await template.fill(REMINDER)
    await preview.filter({ hasText: 'Northwind Outfitters' }).waitFor()
    const sample = page.getByTestId('preview-sample').first()
    assert.equal(await sample.getByTestId('encoding').innerText(), 'GSM-7')
    assert.equal(await sample.getByTestId('segments').innerText(), '1 segment')
    assert.equal(await page.getByTestId('ucs2-characters').count(), 0)
    await screenshot(page, 'flows', 'desktop')

    await page.getByRole('button', { name: 'Save messages' }).click()
    await page.getByText('Saved.').first().waitFor()
    const flow = await api<{ steps: { template: string }[] }>('GET', '/v1/flows/abandoned_checkout')
    assert.equal(flow.steps[0]!.template, REMINDER)
  })

  it('replays a sample checkout from the Connect page and the reminder arrives delivered', async () => {
    await openPage('Connect', 'Connect your store')
    await page.getByText('No webhook has arrived yet.').waitFor()
    await page.getByLabel('Phone number for the sample (optional)').fill(SAMPLE_PHONE)
    await page.getByRole('button', { name: 'Send sample checkout' }).click()
    await page.getByText(/Sent a signed checkouts\/\w+ event/).waitFor()
    await page.getByTestId('last-webhook').getByText('Last webhook').waitFor()
    await screenshot(page, 'connect', 'desktop')

    // Half an hour passes in a few seconds; the scheduler then sends the first reminder.
    clock.fastForward(clock.now() + 31 * MINUTE, 600)
    await openPage('Messages', 'Messages')
    await page.getByLabel('Phone number').fill(SAMPLE_PHONE)
    const delivered = page.locator('table.log tbody tr').filter({ hasText: 'delivered' })
    const deadline = Date.now() + 30_000
    while ((await delivered.count()) === 0) {
      assert.ok(
        Date.now() < deadline,
        `the reminder shows as delivered within 30 s: ${await page.locator('main').innerText()}`,
      )
      await page.getByRole('button', { name: 'Search' }).click()
      await page.waitForTimeout(500)
    }
    const row = delivered.first()
    assert.match(await row.innerText(), /\+1 •+ 143/)
    assert.match(await row.innerText(), /Hi \w+, your cart at Northwind Outfitters/)
    await screenshot(page, 'messages', 'desktop')

    await row.getByRole('button').click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('heading', { name: 'Timeline' }).waitFor()
    assert.match(await dialog.innerText(), /delivered/)
    await screenshot(page, 'message-detail', 'desktop')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
  })

  it('sends the sample order and the analytics page shows the recovered revenue', async () => {
    await openPage('Connect', 'Connect your store')
    await page.getByLabel('Phone number for the sample (optional)').fill(SAMPLE_PHONE)
    await page.getByRole('button', { name: 'Send sample order' }).click()
    await page.getByText(/Sent a signed orders\/\w+ event/).waitFor()

    // The order also sends its confirmation; the figures are read once it is delivered too.
    type Summary = {
      messages: { sent: number; delivered: number }
      revenue: { amount: string; currency: string }[]
    }
    const deadline = Date.now() + 20_000
    let summary = await api<Summary>('GET', `/v1/analytics/summary${PERIOD}`)
    while (summary.messages.delivered < 2) {
      assert.ok(Date.now() < deadline, 'the reminder and the confirmation are delivered')
      await sleep(200)
      summary = await api<Summary>('GET', `/v1/analytics/summary${PERIOD}`)
    }
    assert.equal(summary.messages.sent, 2)
    assert.deepEqual(summary.revenue, [{ amount: '62.2100', currency: 'USD' }])

    await page.goto(`${nudge.apiUrl}/analytics${PERIOD}`)
    const revenue = page.getByTestId('kpi-revenue').locator('dd')
    await revenue.waitFor()
    const expected = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: summary.revenue[0]!.currency,
    }).format(Number(summary.revenue[0]!.amount))
    assert.equal(await revenue.innerText(), expected)
    assert.equal(
      await page.getByTestId('kpi-sent').locator('dd').innerText(),
      String(summary.messages.sent),
    )
    assert.equal(
      await page.getByTestId('kpi-delivered').locator('dd').innerText(),
      String(summary.messages.delivered),
    )
    await page.locator('.chart [data-drawn="true"]').first().waitFor()
    assert.equal((await page.locator('.chart canvas').count()) >= 2, true, 'both charts are drawn')
    await screenshot(page, 'analytics', 'desktop')
  })

  it('looks a number up with its consent evidence and opts it out', async () => {
    await openPage('Contacts', 'Contacts and consent')
    await page.getByRole('search').getByLabel('Phone number').fill(SAMPLE_PHONE)
    await page.getByRole('button', { name: 'Look up' }).click()
    await page.getByRole('table', { name: 'Consent history' }).waitFor()
    assert.match(await page.getByRole('table', { name: 'Consent history' }).innerText(), /checkout/)
    await screenshot(page, 'contacts', 'desktop')

    await page.getByRole('button', { name: 'Opt out of promotions' }).click()
    await page.getByTestId('consent-state').getByText('Opted out of promotions').waitFor()
    const contact = await api<{ marketing: string }>(
      'GET',
      `/v1/contacts/${encodeURIComponent(SAMPLE_PHONE)}`,
    )
    assert.equal(contact.marketing, 'opted_out')
  })

  it('imports consent from CSV, reporting each bad row and importing nothing until fixed', async () => {
    const input = page.locator('input[type="file"]')
    const csv = (rows: string[]) => ({
      name: 'consent.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['phone,evidence', ...rows].join('\n')),
    })
    await input.setInputFiles(csv(['+12025550181,Texts from Northwind', 'not a number,Yes']))
    await page.getByRole('button', { name: 'Import' }).click()
    const errors = page.getByTestId('import-errors')
    await errors.waitFor()
    assert.match(await errors.innerText(), /^3\tphone\t/m)
    const untouched = await fetch(
      `${nudge.apiUrl}/v1/contacts/${encodeURIComponent('+12025550181')}`,
      { headers: { authorization: `Bearer ${apiKey}` } },
    )
    assert.equal(untouched.status, 404, 'the good row was not imported either')

    await input.setInputFiles(csv(['+12025550181,Texts from Northwind', '+12025550182,Yes please']))
    await page.getByRole('button', { name: 'Import' }).click()
    await page.getByTestId('import-result').getByText('Imported 2 rows').waitFor()
  })

  it('shows the route to the simulator bound, with its limit', async () => {
    await openPage('Carriers', 'Carriers')
    const route = page.locator('tbody tr').first()
    await route.getByText('up').waitFor()
    assert.match(await route.innerText(), /1000 seg\/s|1,000 seg\/s/)
    await screenshot(page, 'carriers', 'desktop')
  })

  it('keeps an edit when the session ends before it is saved, and saves it after logging in', async () => {
    await openPage('Flows', 'Flows')
    const edited = 'Still thinking it over, {{ customer.first_name }}? {{ recovery_url }}'
    await page.locator('textarea[name="template_1"]').fill(edited)
    const opened = openDatabase(join(dir, 'nudge.db'))
    await opened.db.deleteFrom('dashboard_sessions').execute()
    await opened.close()

    await page.getByRole('button', { name: 'Save messages' }).click()
    const dialog = page.getByRole('dialog', { name: 'Your session ended' })
    await dialog.waitFor()
    await dialog.locator('input[name="api_key"]').fill(apiKey)
    await dialog.getByRole('button', { name: 'Log in' }).click()
    await dialog.waitFor({ state: 'hidden' })

    assert.equal(await page.locator('textarea[name="template_1"]').inputValue(), edited)
    await page.getByRole('button', { name: 'Save messages' }).click()
    await page.getByText('Saved.').first().waitFor()
    const flow = await api<{ steps: { template: string }[] }>('GET', '/v1/flows/abandoned_checkout')
    assert.equal(flow.steps[1]!.template, edited)
  })

  it('fits a phone-sized screen on every page, with screenshots of each', async () => {
    await page.setViewportSize(VIEWPORTS.phone)
    const pages: [string, string][] = [
      ['connect', 'Connect your store'],
      ['flows', 'Flows'],
      ['messages', 'Messages'],
      [`contacts?phone=${encodeURIComponent(SAMPLE_PHONE)}`, 'Contacts and consent'],
      [`analytics${PERIOD}`, 'Analytics'],
      ['carriers', 'Carriers'],
    ]
    for (const [path, heading] of pages) {
      await page.goto(`${nudge.apiUrl}/${path}`)
      await page.getByRole('heading', { level: 1, name: heading }).waitFor()
      await page.waitForLoadState('networkidle')
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      )
      assert.ok(overflow <= 0, `/${path} is ${overflow}px wider than a phone`)
      await screenshot(page, path.split('?')[0]!, 'phone')
    }
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.getByRole('button', { name: 'Log in' }).waitFor()
    await screenshot(page, 'login', 'phone')
  })
})
