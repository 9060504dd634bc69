import { spawnSync } from 'node:child_process'
import { createServer } from 'node:http'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Pool } from 'undici'
import { measureGateCost } from './gate-cost.js'
import { measureRawCeiling } from './raw-ceiling.js'
import { peakRssMiB, startNudgeProcess, stop } from './processes.js'

/**
 * End-to-end benchmark on loopback: N messages through the HTTP API of a `nudge serve`
 * process to a `nudge smsc` process, with receipts and status webhooks on, then the raw
 * ceiling of one bare SMPP client against the same simulator with the same window.
 */
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '50' },
    window: { type: 'string', default: '100' },
    'receipt-delay-ms': { type: 'string', default: '100' },
    /** Writes a CPU profile of the `nudge serve` process into this folder. */
    profile: { type: 'string' },
    /** Leaves the store without a webhook URL, to see what status webhooks cost. */
    'no-webhooks': { type: 'boolean', default: false },
    /** Measures only the compliance gate's cost per decision (also part of a full run). */
    gate: { type: 'boolean', default: false },
  },
})
const gateRow = async (): Promise<[string, string]> => {
  const gate = await measureGateCost()
  return ['gate decision', `${gate.microsPerDecision.toFixed(1)} µs (${gate.contacts} contacts)`]
}
if (values.gate) {
  const [name, value] = await gateRow()
  console.log(`${name.padEnd(32)} ${value}`)
  process.exit(0)
}
const MESSAGES = Number(values.messages)
const CONCURRENCY = Number(values.concurrency)
const WINDOW = Number(values.window)
const TIME_LIMIT_MS = 300_000

const dir = mkdtempSync(join(tmpdir(), 'nudge-bench-'))
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

const configFile = join(dir, 'nudge.json')
writeFileSync(
  configFile,
  JSON.stringify({
    carriers: [
      {
        id: 'bench',
        host: '127.0.0.1',
        port: smppPort,
        systemId: 'bench',
        password: 'bench',
        window: WINDOW,
        segmentsPerSecond: 1_000_000,
        destinations: [{ prefix: '+1' }],
      },
    ],
  }),
)
const created = spawnSync(process.execPath, [
  new URL('../dist/cli/main.js', import.meta.url).pathname,
  'stores',
  'create',
  'Bench',
  '--db',
  join(dir, 'nudge.db'),
  '--json',
])
const apiKey = (JSON.parse(created.stdout.toString()) as { api_key: string }).api_key
const server = await startNudgeProcess(
  ['serve', '--db', join(dir, 'nudge.db'), '--config', configFile, '--port', '0'],
  'nudge started',
  values.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${values.profile}`],
)
const apiUrl = String(server.log['api'])

let webhooks = 0
const receiver = createServer((req, res) => {
  req.resume().on('end', () => {
    webhooks++
    res.writeHead(204).end()
  })
})
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
const hookPort = (receiver.address() as { port: number }).port

const pool = new Pool(apiUrl, { connections: CONCURRENCY, pipelining: 1 })
const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
await pool.request({
  method: 'PATCH',
  path: '/v1/store',
  headers,
  body: JSON.stringify({
    webhook_url: values['no-webhooks'] ? null : `http://127.0.0.1:${hookPort}/hooks`,
    default_sender: 'Bench',
  }),
})
await new Promise((r) => setTimeout(r, 1000))

const submitsBefore = await simulatorSubmits()
const latenciesMs: number[] = []
const startedMs = performance.now()
let next = 0
let rejected = 0
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < MESSAGES && performance.now() - startedMs < TIME_LIMIT_MS) {
      const i = next++
      const t0 = performance.now()
      const res = await pool.request({
        method: 'POST',
        path: '/v1/messages',
        headers,
        body: JSON.stringify({
          to: `+1202555${String(i % 10_000).padStart(4, '0')}`,
          body: `Your order #${i} has shipped`,
        }),
      })
      await res.body.dump()
      latenciesMs.push(performance.now() - t0)
      if (res.statusCode !== 202) rejected++
    }
  }),
)
const acceptedMs = performance.now() - startedMs

let submittedMs = 0
let receiptsMs = 0
while (performance.now() - startedMs < TIME_LIMIT_MS) {
  const now = performance.now() - startedMs
  if (submittedMs === 0 && (await simulatorSubmits()) - submitsBefore >= MESSAGES) submittedMs = now
  if (submittedMs !== 0 && (await receiptsApplied()) >= MESSAGES + 0) {
    receiptsMs = now
    break
  }
  await new Promise((r) => setTimeout(r, 100))
}
// Two status webhooks per message: `sent` and `delivered`.
const webhookDeadline = performance.now() + 60_000
const webhooksExpected = values['no-webhooks'] ? 0 : MESSAGES * 2
while (webhooks < webhooksExpected && performance.now() < webhookDeadline) {
  await new Promise((r) => setTimeout(r, 25))
}
const webhooksMs = performance.now() - startedMs
const nudgeRss = peakRssMiB(server.child.pid!)

await stop(server.child)
await pool.close()
const raw = await measureRawCeiling({
  port: smppPort,
  messages: Math.min(MESSAGES, 50_000),
  window: WINDOW,
})
await stop(smsc.child)
receiver.close()
rmSync(dir, { recursive: true, force: true })

latenciesMs.sort((a, b) => a - b)
const pct = (p: number): number =>
  latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(latenciesMs.length * p))] ?? 0
const rate = (ms: number): number => (ms === 0 ? 0 : MESSAGES / (ms / 1000))
const submittedPerSecond = rate(submittedMs)

const rows: [string, string][] = [
  [
    'messages',
    `${MESSAGES} (concurrency ${CONCURRENCY}, window ${WINDOW}, receipts after ${values['receipt-delay-ms']} ms)`,
  ],
  ['rejected by the API', String(rejected)],
  ['accepted/s', rate(acceptedMs).toFixed(0)],
  ['accept latency p50', `${pct(0.5).toFixed(1)} ms`],
  ['accept latency p99', `${pct(0.99).toFixed(1)} ms`],
  ['submitted/s (end to end)', submittedPerSecond.toFixed(0)],
  ['receipts/s (end to end)', rate(receiptsMs).toFixed(0)],
  [
    'status webhooks received',
    `${webhooks} of ${webhooksExpected}, all within ${(webhooksMs / 1000).toFixed(1)} s`,
  ],
  ['peak RSS of nudge serve', `${nudgeRss.toFixed(0)} MiB`],
  ['raw ceiling, bare smpp client', `${raw.toFixed(0)} submits/s`],
  ['end-to-end / raw ceiling', (submittedPerSecond / raw).toFixed(2)],
  // Measured after the processes above stopped, so nothing else competes for the CPU.
  await gateRow(),
]
for (const [name, value] of rows) console.log(`${name.padEnd(32)} ${value}`)

async function simulatorSubmits(): Promise<number> {
  const stats = (await (await fetch(`${control}/stats`)).json()) as { submits: number }
  return stats.submits
}

async function receiptsApplied(): Promise<number> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text()
  return Number(/^nudge_receipts_applied (\d+)/m.exec(text)?.[1] ?? 0)
}
