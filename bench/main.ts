import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { dropTestSchema, freshPostgresUrl } from '../test/support/test-database.js'
import { runEndToEnd, type RunFigures, type RunOptions } from './end-to-end-run.js'
import { measureAnalyticsSeries, type SeriesFigures } from './analytics-series.js'
import { measureGateCost } from './gate-cost.js'
import { measureDashboard } from './dashboard-pages.js'
import { measureMessageLog, type MessageLogFigures } from './message-log.js'
import { measureQuietHoursCost } from './quiet-hours-cost.js'
import { measureRawCeiling } from './raw-ceiling.js'
import { peakRssMiB, startNudgeProcess, stop } from './processes.js'
import { runStoreEvents } from './store-events.js'

/**
 * End-to-end benchmark on loopback: N messages through the HTTP API to a `nudge smsc`
 * process, with receipts and status webhooks on, then the raw ceiling of one bare SMPP
 * client against the same simulator with the same window.
 *
 * `--db postgres --workers N` runs the same load twice, on SQLite (one process) and on
 * PostgreSQL (one `api` and N `worker` processes), and prints both side by side.
 * `--campaign N` then accepts a campaign-sized burst on PostgreSQL and reports the time to
 * accept it all and the peak memory of each process. Every run ends with the cost of one
 * compliance gate decision against 100,000 contacts; `--gate` measures only that.
 * `--store-events N` (default 5,000; 0 skips) posts N signed Shopify checkouts and measures
 * webhooks accepted per second, the abandoned-checkout messages they make per second, and
 * the peak memory of that Nudge process.
 * `--dashboard` times the dashboard's pages in Debian's Chromium on a store of 100,000 messages.
 * `--message-log` measures only the dashboard's message log on a store of 100,000 messages,
 * and `--series` only the analytics series on a store whose flows sent 100,000 messages (on
 * PostgreSQL too with `--db postgres`).
 */
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '50' },
    window: { type: 'string', default: '100' },
    'receipt-delay-ms': { type: 'string', default: '100' },
    db: { type: 'string', default: 'sqlite' },
    workers: { type: 'string', default: '2' },
    campaign: { type: 'string' },
    'store-events': { type: 'string', default: '5000' },
    /** Writes a CPU profile of each Nudge process into this folder. */
    profile: { type: 'string' },
    /** Leaves the store without a webhook URL, to see what status webhooks cost. */
    'no-webhooks': { type: 'boolean', default: false },
    /** Measures only the compliance gate's cost per decision (also part of a full run). */
    gate: { type: 'boolean', default: false },
    /** Measures only the message log's pages and filters on 100,000 messages. */
    'message-log': { type: 'boolean', default: false },
    dashboard: { type: 'boolean', default: false },
    /** Measures only the analytics series over 100,000 flow messages. */
    series: { type: 'boolean', default: false },
  },
})
const gateRows = async (): Promise<[string, string][]> => {
  const gate = await measureGateCost()
  const quietHours = await measureQuietHoursCost()
  return [
    ['gate decision', `${gate.microsPerDecision.toFixed(1)} µs (${gate.contacts} contacts)`],
    ['  of which quiet hours', `${quietHours.microsPerJudge.toFixed(1)} µs per judgement`],
  ]
}
if (values.gate) {
  for (const [name, value] of await gateRows()) console.log(`${name.padEnd(34)} ${value}`)
  process.exit(0)
}
if (values.db !== 'sqlite' && values.db !== 'postgres') {
  throw new Error(`--db must be sqlite or postgres, not "${values.db}"`)
}
if (values.dashboard) {
  const dir = mkdtempSync(join(tmpdir(), 'nudge-bench-'))
  const figures = await measureDashboard(join(dir, 'dashboard.db'))
  rmSync(dir, { recursive: true, force: true })
  console.log(`dashboard in Chromium, ${figures.messages} messages in the store (p50 / p99)`)
  for (const p of figures.pages) {
    console.log(`  ${p.name.padEnd(34)} ${p.p50Ms.toFixed(0)} / ${p.p99Ms.toFixed(0)} ms`)
  }
  process.exit(0)
}
if (values['message-log'] || values.series) {
  const title = values.series ? 'analytics series' : 'message log'
  const measure: (database: string) => Promise<MessageLogFigures | SeriesFigures> = values.series
    ? measureAnalyticsSeries
    : measureMessageLog
  const dir = mkdtempSync(join(tmpdir(), 'nudge-bench-'))
  const runs: [string, MessageLogFigures | SeriesFigures][] = [
    ['SQLite', await measure(join(dir, 'dashboard.db'))],
  ]
  rmSync(dir, { recursive: true, force: true })
  if (values.db === 'postgres') {
    const { url, schema } = freshPostgresUrl()
    runs.push(['PostgreSQL', await measure(url)])
    await dropTestSchema(schema)
  }
  for (const [database, figures] of runs) {
    console.log(`${title} on ${database}, ${figures.messages} messages in the store (p50 / p99)`)
    for (const q of figures.requests) {
      console.log(`  ${q.name.padEnd(40)} ${q.p50Ms.toFixed(1)} / ${q.p99Ms.toFixed(1)} ms`)
    }
  }
  process.exit(0)
}
const MESSAGES = Number(values.messages)
const STORE_EVENTS = Number(values['store-events'])
if (!Number.isInteger(STORE_EVENTS) || STORE_EVENTS < 0 || STORE_EVENTS > 50_000) {
  throw new Error(`--store-events must be a whole number from 0 to 50000`)
}
const WINDOW = Number(values.window)
const WORKERS = Number(values.workers)

const dir = mkdtempSync(join(tmpdir(), 'nudge-bench-'))
// Every process of a PostgreSQL cluster needs the same erasure key; this one is the run's own.
process.env['NUDGE_ERASURE_KEY'] ??= `bench-${randomBytes(24).toString('hex')}`
const smsc = await startNudgeProcess(
  [
    'smsc',
    '--smpp-port',
    '0',
    '--control-port',
    '0',
    '--receipt-delay-ms',
    values['receipt-delay-ms']!,
  ],
  'smsc simulator started',
)
const control = String(smsc.log['control'])
const smppPort = Number(String(smsc.log['smpp']).split(':')[1])

const base: Omit<RunOptions, 'database' | 'workers'> = {
  dir,
  smppPort,
  control,
  messages: MESSAGES,
  concurrency: Number(values.concurrency),
  window: WINDOW,
  webhooks: !values['no-webhooks'],
  acceptOnly: false,
  timeLimitMs: 300_000,
  ...(values.profile === undefined
    ? {}
    : { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] }),
}

const runs: { title: string; figures: RunFigures }[] = []
runs.push({
  title: 'SQLite, 1 process',
  figures: await runEndToEnd({ ...base, database: join(dir, 'nudge.db'), workers: 0 }),
})
const schemas: string[] = []
const postgresUrl = (): string => {
  const { url, schema } = freshPostgresUrl()
  schemas.push(schema)
  return url
}
if (values.db === 'postgres') {
  runs.push({
    title: `PostgreSQL, api + ${WORKERS} workers`,
    figures: await runEndToEnd({ ...base, database: postgresUrl(), workers: WORKERS }),
  })
}
const campaign =
  values.campaign === undefined
    ? undefined
    : await runEndToEnd({
        ...base,
        messages: Number(values.campaign),
        acceptOnly: true,
        database: postgresUrl(),
        workers: WORKERS,
      })

const storeEvents =
  STORE_EVENTS === 0
    ? undefined
    : await runStoreEvents({
        dir,
        smppPort,
        control,
        checkouts: STORE_EVENTS,
        concurrency: Number(values.concurrency),
        timeLimitMs: 180_000,
      })

const raw = await measureRawCeiling({
  port: smppPort,
  messages: Math.min(MESSAGES, 50_000),
  window: WINDOW,
})
const smscRss = peakRssMiB(smsc.child.pid!)
await stop(smsc.child)
for (const schema of schemas) await dropTestSchema(schema)
rmSync(dir, { recursive: true, force: true })

const rows: [string, (f: RunFigures) => string][] = [
  ['rejected by the API', (f) => String(f.rejected)],
  ['accepted/s', (f) => f.acceptedPerSecond.toFixed(0)],
  ['accept latency p50', (f) => `${f.p50Ms.toFixed(1)} ms`],
  ['accept latency p99', (f) => `${f.p99Ms.toFixed(1)} ms`],
  ['submitted/s (end to end)', (f) => f.submittedPerSecond.toFixed(0)],
  ['receipts/s (end to end)', (f) => f.receiptsPerSecond.toFixed(0)],
  [
    'status webhooks received',
    (f) => `${f.webhooksReceived}/${f.webhooksExpected} in ${f.webhooksSeconds.toFixed(1)} s`,
  ],
  ['peak RSS', (f) => f.peakRssMiB.map((p) => `${p.role} ${p.mib.toFixed(0)} MiB`).join(', ')],
  ['end-to-end / raw ceiling', (f) => (f.submittedPerSecond / raw).toFixed(2)],
]
const width = 34
console.log(
  `messages: ${MESSAGES} (concurrency ${values.concurrency}, window ${WINDOW}, receipts after ` +
    `${values['receipt-delay-ms']} ms)`,
)
console.log(`${''.padEnd(width)} ${runs.map((r) => r.title.padEnd(width)).join(' ')}`)
for (const [name, cell] of rows) {
  console.log(`${name.padEnd(width)} ${runs.map((r) => cell(r.figures).padEnd(width)).join(' ')}`)
}
console.log(`${'raw ceiling, bare smpp client'.padEnd(width)} ${raw.toFixed(0)} submits/s`)
console.log(`${'peak RSS of nudge smsc'.padEnd(width)} ${smscRss.toFixed(0)} MiB`)
if (campaign !== undefined) {
  console.log(
    `\ncampaign burst on PostgreSQL (api + ${WORKERS} workers): ${values.campaign} messages ` +
      `accepted in ${campaign.acceptSeconds.toFixed(1)} s ` +
      `(${campaign.acceptedPerSecond.toFixed(0)}/s, p99 ${campaign.p99Ms.toFixed(0)} ms, ` +
      `${campaign.rejected} rejected); peak RSS ` +
      campaign.peakRssMiB.map((p) => `${p.role} ${p.mib.toFixed(0)} MiB`).join(', '),
  )
}
if (storeEvents !== undefined) {
  const f = storeEvents
  console.log(
    `\nstore events on SQLite, 1 process: ${STORE_EVENTS} signed Shopify checkouts, ` +
      `concurrency ${values.concurrency}`,
  )
  for (const [name, value] of [
    ['checkout webhooks accepted/s', `${f.webhooksPerSecond.toFixed(0)} (${f.rejected} refused)`],
    [
      'flow messages stored/s',
      `${f.flowMessagesPerSecond.toFixed(0)} (${f.flowMessages} stored: ${f.submitted} sent to ` +
        `the SMSC, ${f.held} held for quiet hours)`,
    ],
    ['peak RSS', `${f.peakRssMiB.toFixed(0)} MiB`],
  ]) {
    console.log(`${name!.padEnd(width)} ${value}`)
  }
}
for (const [name, value] of await gateRows()) console.log(`${name.padEnd(width)} ${value}`)
