import { join } from 'node:path'
import { Pool } from 'undici'
import { platformSignature, readFixture } from '../test/support/store-webhooks.js'
import {
  createStore,
  peakRssMiB,
  startNudgeProcess,
  stop,
  writeCarrierConfig,
} from './processes.js'

export interface StoreEventOptions {
  /** Where the run's database and config go. */
  readonly dir: string
  readonly smppPort: number
  /** The SMSC simulator's control API, for its submit count. */
  readonly control: string
  /** Distinct checkouts to post; at most 50,000. */
  readonly checkouts: number
  readonly concurrency: number
  readonly timeLimitMs: number
}

export interface StoreEventFigures {
  readonly accepted: number
  readonly rejected: number
  readonly webhooksPerSecond: number
  /** Flow messages stored, whatever the gate decided, and how fast from the first webhook. */
  readonly flowMessages: number
  readonly flowMessagesPerSecond: number
  /** Of those, handed to the SMSC, and held for the recipients' quiet hours. */
  readonly submitted: number
  readonly held: number
  readonly peakRssMiB: number
}

const SECRET = 'shpss_bench_store_events'
const AREA_CODES = ['202', '212', '312', '617', '305']
const MINUTE = 60_000

/**
 * Signed Shopify `checkouts/create` webhooks, one per distinct checkout and number with SMS
 * consent, posted to one `nudge serve` on SQLite with `concurrency` connections; the
 * abandoned-checkout flow's only step is one minute after the checkout, and every checkout
 * says it was updated five minutes ago, so each step is due as it arrives. Measures webhooks
 * accepted per second, flow messages stored per second and the process's peak memory.
 */
export async function runStoreEvents(options: StoreEventOptions): Promise<StoreEventFigures> {
  const count = Math.min(options.checkouts, AREA_CODES.length * 10_000)
  const database = join(options.dir, 'store-events.db')
  const configFile = join(options.dir, 'store-events.json')
  writeCarrierConfig(configFile, { smppPort: options.smppPort, window: 100 })
  const { id: storeId, api_key: apiKey } = createStore(database, 'Bench Shop', [
    '--platform',
    'shopify',
    '--platform-secret',
    SECRET,
    '--public-url',
    'https://shop.example',
  ])
  const serve = await startNudgeProcess(
    ['serve', '--db', database, '--config', configFile, '--port', '0'],
    'nudge started',
  )
  const apiUrl = String(serve.log['api'])
  const pool = new Pool(apiUrl, { connections: options.concurrency, pipelining: 1 })
  try {
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
    for (const [path, body] of [
      ['/v1/store', { default_sender: '+12025550100', default_country: 'US' }],
      [
        '/v1/flows/abandoned_checkout',
        {
          enabled: true,
          steps: [
            {
              delay_minutes: 1,
              template:
                'Hi {{ customer.first_name | default: "there" }}, your cart at {{ store.name }} ' +
                'is waiting: {{ recovery_url }} Reply STOP to opt out.',
            },
          ],
        },
      ],
    ] as const) {
      const res = await pool.request({ method: 'PATCH', path, headers, body: JSON.stringify(body) })
      if (res.statusCode !== 200) throw new Error(`PATCH ${path}: ${await res.body.text()}`)
      await res.body.dump()
    }
    // Let the route bind before the clock starts.
    await new Promise((r) => setTimeout(r, 1000))
    const submitsBefore = await simulatorSubmits(options.control)

    const startedMs = performance.now()
    const elapsed = (): number => performance.now() - startedMs
    const { accepted, rejected } = await postCheckouts(pool, { storeId, count, options, elapsed })
    const acceptedMs = elapsed()

    let stored = await flowMessages(apiUrl)
    while (stored.total < accepted && elapsed() < options.timeLimitMs) {
      await new Promise((r) => setTimeout(r, 50))
      stored = await flowMessages(apiUrl)
    }
    const storedMs = elapsed()
    // What the gate let through now goes to the SMSC; wait for it within the time limit.
    const deadline = performance.now() + 30_000
    let submitted = (await simulatorSubmits(options.control)) - submitsBefore
    while (submitted < stored.total - stored.held && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100))
      submitted = (await simulatorSubmits(options.control)) - submitsBefore
    }

    return {
      accepted,
      rejected,
      webhooksPerSecond: accepted / (acceptedMs / 1000),
      flowMessages: stored.total,
      flowMessagesPerSecond: stored.total / (storedMs / 1000),
      submitted,
      held: stored.held,
      peakRssMiB: peakRssMiB(serve.child.pid!),
    }
  } finally {
    await pool.close()
    await stop(serve.child)
  }
}

async function postCheckouts(
  pool: Pool,
  run: {
    readonly storeId: string
    readonly count: number
    readonly options: StoreEventOptions
    readonly elapsed: () => number
  },
): Promise<{ accepted: number; rejected: number }> {
  const { storeId, count, options, elapsed } = run
  const template = readFixture('shopify', 'checkouts-create.json').toString('utf8')
  const updatedAt = new Date(Date.now() - 5 * MINUTE).toISOString()
  let next = 0
  let accepted = 0
  let rejected = 0
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < count && elapsed() < options.timeLimitMs) {
        const i = next++
        const body = checkoutBody(template, i, updatedAt)
        const res = await pool.request({
          method: 'POST',
          path: `/v1/stores/${storeId}/shopify/webhooks`,
          headers: {
            'content-type': 'application/json',
            'x-shopify-topic': 'checkouts/create',
            'x-shopify-webhook-id': `bench-${i}`,
            'x-shopify-hmac-sha256': platformSignature(body, SECRET),
          },
          body,
        })
        await res.body.dump()
        if (res.statusCode === 200) accepted++
        else rejected++
      }
    }),
  )
  return { accepted, rejected }
}

/** The fixture made checkout `i`: its own token, id and number, updated at `updatedAt`. */
function checkoutBody(template: string, i: number, updatedAt: string): string {
  const line = String(i % 10_000).padStart(4, '0')
  const phone = `+1${AREA_CODES[Math.floor(i / 10_000)]}555${line}`
  return template
    .replaceAll('b7c1e0a4d2f94c6e8a1b3c5d7e9f0a12', `bench${String(i).padStart(27, '0')}`)
    .replace('"id": 35124987621542', `"id": ${35124987621542 + i}`)
    .replaceAll('+12025550143', phone)
    .replaceAll('(202) 555-0143', phone)
    .replace(/"(created_at|updated_at)": "[^"]*"/g, (_, key: string) => `"${key}": "${updatedAt}"`)
}

/** Outbound messages stored (every one here is a flow's), and those held for quiet hours. */
async function flowMessages(apiUrl: string): Promise<{ total: number; held: number }> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text()
  let total = 0
  let held = 0
  for (const m of text.matchAll(/^nudge_messages\{([^}]*)\} (\d+)$/gm)) {
    if (!m[1]!.includes('direction="outbound"')) continue
    total += Number(m[2])
    if (m[1]!.includes('status="scheduled"')) held += Number(m[2])
  }
  return { total, held }
}

async function simulatorSubmits(control: string): Promise<number> {
  const stats = (await (await fetch(`${control}/stats`)).json()) as { submits: number }
  return stats.submits
}
