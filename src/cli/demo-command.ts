import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../config/index.js'
import { createLogger, ScaledClock } from '../runtime/index.js'
import { Deadline, DemoFailure } from './demo/deadline.js'
import { Narrator } from './demo/narrator.js'
import { checkoutPayload } from './demo/payloads.js'
import { DEMO_TIME_ZONE, setUpStore } from './demo/store-setup.js'
import { StoreApi } from './demo/store-api.js'
import { printSummary } from './demo/story-summary.js'
import { tellStory, type Scene } from './demo/story.js'
import type { CliOptions } from './main.js'
import { startNudge, type RunningNudge } from './start-nudge.js'
import { UsageError } from './usage-error.js'

const TIME_LIMIT_MS = 60_000
const STORE_NAME = 'Northwind Outfitters'

/**
 * `nudge demo`: starts Nudge in this process on a temporary SQLite database with the built-in
 * SMSC simulator, all on 127.0.0.1, and plays a store's abandoned checkout through it with the
 * Shopify webhooks shipped in `demo/shopify`. Its clock starts when the checkout was made and
 * skips ahead, fast, to the reminder. Nothing leaves the machine; with no carrier configured no
 * real text can go.
 */
export async function runDemo(options: CliOptions): Promise<number> {
  const keep = options.db
  if (keep !== undefined && (/^postgres(ql)?:/.test(keep) || existsSync(keep))) {
    throw new UsageError('--db for the demo names a new SQLite file to keep its database in')
  }
  const dir = mkdtempSync(join(tmpdir(), 'nudge-demo-'))
  // Flags only, never the environment: the demo must not reach a configured carrier.
  const config = loadConfig(
    {
      db: keep ?? join(dir, 'demo.db'),
      host: '127.0.0.1',
      port: '0',
      logLevel: options['log-level'] ?? 'warn',
    },
    {},
  )
  const logger = createLogger({ level: config.logLevel, destination: process.stderr })
  // The story starts a few seconds after the shipped checkout was last updated.
  const clock = new ScaledClock(Date.parse(checkoutPayload().fields.updated_at) + 3000)
  const narrator = new Narrator(clock, DEMO_TIME_ZONE, (text) => process.stdout.write(text))

  // Stopped by the user: the temporary files go too (a kept database stays).
  const onSignal = (): void => {
    rmSync(dir, { recursive: true, force: true })
    process.exit(130)
  }
  process.once('SIGINT', onSignal)
  let nudge: RunningNudge | undefined
  try {
    nudge = await startNudge({ config, logger, clock })
    await play(nudge, clock, narrator)
    narrator.say()
    narrator.say(
      keep === undefined
        ? 'The demo is over; its temporary database is removed.'
        : `The demo is over; its database is kept in ${keep}.`,
    )
    return 0
  } catch (err) {
    if (!(err instanceof DemoFailure)) throw err
    process.stderr.write(`nudge demo failed: ${err.message}\n`)
    return 1
  } finally {
    process.off('SIGINT', onSignal)
    await nudge?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function play(nudge: RunningNudge, clock: ScaledClock, narrator: Narrator): Promise<void> {
  const deadline = new Deadline(TIME_LIMIT_MS)
  const { simulator, apiUrl } = nudge
  if (simulator === undefined) throw new DemoFailure('the built-in SMSC simulator did not start')
  const platformSecret = `shpss_${randomBytes(16).toString('hex')}`
  const { store, apiKey } = await nudge.registry.create(STORE_NAME, {
    platform: 'shopify',
    platformSecret,
    publicBaseUrl: apiUrl,
  })
  const api = new StoreApi(apiUrl, apiKey)
  const control = `http://127.0.0.1:${simulator.controlPort}`
  const startedMs = clock.now()

  narrator.say('Nudge demo: a Shopify checkout left behind, a text, a click, an order.')
  narrator.say(
    `Nudge runs in this process at ${apiUrl} on a temporary database, with the SMSC ` +
      `simulator at ${control};`,
  )
  narrator.say(
    `the clock starts on the evening the checkout was made (times in ${DEMO_TIME_ZONE}) and ` +
      'skips ahead, fast, when the story waits.',
  )
  narrator.say()
  await setUpStore({ api, apiUrl, storeId: store.id, storeName: STORE_NAME, narrator })
  const scene: Scene = {
    apiUrl,
    control,
    storeId: store.id,
    platformSecret,
    api,
    clock,
    deadline,
    narrator,
  }
  await tellStory(scene)
  await printSummary({ api, narrator, fromMs: startedMs - 60 * 60_000, toMs: clock.now() + 60_000 })
}
