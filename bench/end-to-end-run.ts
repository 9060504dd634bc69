import { createServer } from 'node:http'
import { join } from 'node:path'
import { Pool } from 'undici'
import {
  createStore,
  peakRssMiB,
  startNudgeProcess,
  stop,
  writeCarrierConfig,
  type Started,
} from './processes.js'

export interface RunOptions {
  /** Where the benchmark's files go; SQLite lives here. */
  readonly dir: string
  /** A SQLite file path, or a PostgreSQL URL for a cluster run. */
  readonly database: string
  /** 0: one `nudge serve` doing everything; N: one `api` and N `worker` processes. */
  readonly workers: number
  readonly smppPort: number
  /** The SMSC simulator's control API, for its submit count. */
  readonly control: string
  readonly messages: number
  readonly concurrency: number
  readonly window: number
  readonly webhooks: boolean
  /** Only measure accepting: do not wait for submits, receipts and webhooks. */
  readonly acceptOnly: boolean
  readonly timeLimitMs: number
  /** Node options for every Nudge process, e.g. a CPU profile. */
  readonly nodeArgs?: string[]
}

export interface RunFigures {
  readonly rejected: number
  readonly acceptedPerSecond: number
  readonly acceptSeconds: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly submittedPerSecond: number
  readonly receiptsPerSecond: number
  readonly webhooksReceived: number
  readonly webhooksExpected: number
  readonly webhooksSeconds: number
  /** Peak resident memory of each Nudge process, by role. */
  readonly peakRssMiB: readonly { readonly role: string; readonly mib: number }[]
}

/**
 * One end-to-end run on loopback: `messages` requests through the HTTP API, then waits until
 * the SMSC has them all, every receipt is applied and every status webhook has arrived.
 */
export async function runEndToEnd(options: RunOptions): Promise<RunFigures> {
  const configFile = join(options.dir, `nudge-${options.workers}.json`)
  writeCarrierConfig(configFile, { smppPort: options.smppPort, window: options.window })
  const apiKey = createStore(options.database, 'Bench').api_key

  const serve = (role: string, nodeArgs: string[] = []): Promise<Started> =>
    startNudgeProcess(
      ['serve', '--role', role, '--db', options.database, '--config', configFile, '--port', '0'],
      'nudge started',
      nodeArgs,
    )
  const front = await serve(options.workers === 0 ? 'all' : 'api', options.nodeArgs)
  const workers: Started[] = []
  for (let i = 0; i < options.workers; i++) workers.push(await serve('worker', options.nodeArgs))
  const senders = options.workers === 0 ? [front] : workers
  const processes = [
    { role: options.workers === 0 ? 'all' : 'api', started: front },
    ...workers.map((started, i) => ({ role: `worker ${i + 1}`, started })),
  ]

  let webhooks = 0
  const receiver = createServer((req, res) => {
    req.resume().on('end', () => {
      webhooks++
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const hookPort = (receiver.address() as { port: number }).port

  const apiUrl = String(front.log['api'])
  const pool = new Pool(apiUrl, { connections: options.concurrency, pipelining: 1 })
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
  await pool.request({
    method: 'PATCH',
    path: '/v1/store',
    headers,
    body: JSON.stringify({
      webhook_url: options.webhooks ? `http://127.0.0.1:${hookPort}/hooks` : null,
      default_sender: 'Bench',
    }),
  })
  // Workers see store changes within seconds; let them, and let the routes bind.
  await new Promise((r) => setTimeout(r, options.workers === 0 ? 1000 : 6000))

  const submitsBefore = await simulatorSubmits(options.control)
  const latenciesMs: number[] = []
  const startedMs = performance.now()
  const elapsed = (): number => performance.now() - startedMs
  let next = 0
  let rejected = 0
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.messages && elapsed() < options.timeLimitMs) {
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
  const acceptedMs = elapsed()

  let submittedMs = 0
  let receiptsMs = 0
  while (!options.acceptOnly && elapsed() < options.timeLimitMs) {
    const now = elapsed()
    const submits = (await simulatorSubmits(options.control)) - submitsBefore
    if (submittedMs === 0 && submits >= options.messages) submittedMs = now
    if (submittedMs !== 0 && (await receiptsApplied(senders)) >= options.messages) {
      receiptsMs = now
      break
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  // Two status webhooks per message: `sent` and `delivered`.
  const webhooksExpected = options.webhooks && !options.acceptOnly ? options.messages * 2 : 0
  const webhookDeadline = performance.now() + 60_000
  while (webhooks < webhooksExpected && performance.now() < webhookDeadline) {
    await new Promise((r) => setTimeout(r, 25))
  }
  const webhooksMs = elapsed()

  const peakRss = processes.map(({ role, started }) => ({
    role,
    mib: peakRssMiB(started.child.pid!),
  }))
  for (const { started } of processes.reverse()) await stop(started.child)
  await pool.close()
  receiver.close()

  latenciesMs.sort((a, b) => a - b)
  const pct = (p: number): number =>
    latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(latenciesMs.length * p))] ?? 0
  const rate = (ms: number): number => (ms === 0 ? 0 : options.messages / (ms / 1000))
  return {
    rejected,
    acceptedPerSecond: rate(acceptedMs),
    acceptSeconds: acceptedMs / 1000,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    submittedPerSecond: rate(submittedMs),
    receiptsPerSecond: rate(receiptsMs),
    webhooksReceived: webhooks,
    webhooksExpected,
    webhooksSeconds: webhooksMs / 1000,
    peakRssMiB: peakRss,
  }
}

async function simulatorSubmits(control: string): Promise<number> {
  const stats = (await (await fetch(`${control}/stats`)).json()) as { submits: number }
  return stats.submits
}

/** Receipts applied, summed over the processes that send (each reports its own). */
async function receiptsApplied(senders: readonly Started[]): Promise<number> {
  let total = 0
  for (const sender of senders) {
    const text = await (await fetch(`${String(sender.log['api'])}/metrics`)).text()
    total += Number(/^nudge_receipts_applied (\d+)/m.exec(text)?.[1] ?? 0)
  }
  return total
}
