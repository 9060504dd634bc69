import { existsSync, mkdirSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium; the tests never download a browser of their own. */
export const CHROMIUM = '/usr/bin/chromium'

/** Where the browser tests leave their screenshots, named in README.md. */
export const SCREENSHOTS_DIR = new URL('../../docs/screenshots/', import.meta.url).pathname

export const VIEWPORTS = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
} as const

/**
 * Starts headless Chromium with the network features that would call out to Google's hosts
 * turned off, so a test talks to 127.0.0.1 only.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`)
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-domain-reliability',
    ],
  })
}

/** Saves the whole page as `<name>-<viewport>.png` in the screenshots folder. */
export async function screenshot(page: Page, name: string, viewport: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true })
  await page.screenshot({ path: `${SCREENSHOTS_DIR}${name}-${viewport}.png`, fullPage: true })
}
