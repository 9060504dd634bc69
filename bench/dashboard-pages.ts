import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { launchChromium, VIEWPORTS } from '../test/support/browser.js'
import { percentiles, startInProcessApi } from './in-process-api.js'
import { fillMessages } from './message-log.js'

const MESSAGES = 100_000
const RUNS = 15
const WARM_UP_RUNS = 3
/** The period the message log's benchmark fills: November 2026. */
const PERIOD = 'from=2026-11-01&to=2026-11-30'

export interface DashboardFigures {
  readonly messages: number
  readonly pages: readonly { name: string; p50Ms: number; p99Ms: number }[]
}

/**
 * The dashboard in Debian's Chromium on a store of 100,000 messages, served over loopback:
 * from a navigation to the moment the page shows its answer, for the message log (first
 * page, the next page, a status filter, a number search) and the analytics page over the
 * month (figures and both charts drawn). Each runs 15 times after a warm-up.
 */
export async function measureDashboard(database: string): Promise<DashboardFigures> {
  const api = await startInProcessApi(database)
  const browser = await launchChromium()
  try {
    const { store, apiKey } = await api.registry.create('Bench')
    await fillMessages(api.db, store.id, MESSAGES)
    const base = await api.app.listen({ host: '127.0.0.1', port: 0 })

    const page = await (await browser.newContext({ viewport: VIEWPORTS.desktop })).newPage()
    await page.goto(`${base}/`)
    await page.locator('input[name="api_key"]').fill(apiKey)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('heading', { level: 1, name: 'Connect your store' }).waitFor()
    const someNumber = await firstNumber(page, base)

    const rows = page.locator('table.log tbody tr')
    const timings: [string, () => Promise<void>][] = [
      [
        'message log, first page',
        async () => {
          await page.goto(`${base}/messages`)
          await rows.nth(49).waitFor()
        },
      ],
      [
        'message log, next page',
        async () => {
          await page.getByRole('button', { name: 'Older →' }).click()
          await page.getByText('Page 2').waitFor()
          await rows.nth(49).waitFor()
        },
      ],
      [
        'message log, status=failed',
        async () => {
          await page.goto(`${base}/messages?status=failed`)
          await rows.first().waitFor()
        },
      ],
      [
        'message log, one number',
        async () => {
          await page.goto(`${base}/messages?to=${encodeURIComponent(someNumber)}`)
          await rows.first().waitFor()
        },
      ],
      [
        'analytics, a month',
        async () => {
          await page.goto(`${base}/analytics?${PERIOD}`)
          await page.getByTestId('kpi-sent').waitFor()
          await page.locator('.chart [data-drawn="true"]').first().waitFor()
        },
      ],
    ]

    const pages: DashboardFigures['pages'][number][] = []
    for (const [name, run] of timings) {
      const times: number[] = []
      for (let i = 0; i < WARM_UP_RUNS + RUNS; i++) {
        if (name === 'message log, next page') await page.goto(`${base}/messages`)
        if (name === 'message log, next page') await rows.nth(49).waitFor()
        const startedMs = performance.now()
        await run()
        if (i >= WARM_UP_RUNS) times.push(performance.now() - startedMs)
      }
      pages.push({ name, ...percentiles(times) })
    }
    return { messages: MESSAGES, pages }
  } finally {
    await browser.close()
    await api.close()
  }
}

/** A recipient from the log's first page, to search for. */
async function firstNumber(page: Page, base: string): Promise<string> {
  const answer = await page.request.get(`${base}/v1/messages?limit=1&direction=outbound`)
  assert.equal(answer.status(), 200)
  const body = (await answer.json()) as { data: { to: string }[] }
  return body.data[0]!.to
}
