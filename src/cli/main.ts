#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { ConfigError } from '../config/index.js'
import { NudgeError } from '../runtime/index.js'
import { runContactsImport } from './contact-commands.js'
import { runDemo } from './demo-command.js'
import { runServe } from './serve-command.js'
import { runSmsc } from './smsc-command.js'
import {
  runKeysRotate,
  runStoresCreate,
  runStoresList,
  runStoresPassword,
} from './store-commands.js'
import { UsageError } from './usage-error.js'

const USAGE = `Usage: nudge <command> [options]

Commands:
  serve                     Start the API, delivery worker and webhooks
      --port N              HTTP port (env NUDGE_PORT, default 8080)
      --host ADDR           HTTP address (env NUDGE_HOST, default 127.0.0.1)
      --db FILE|URL         SQLite file or postgres:// URL (env NUDGE_DB or DATABASE_URL,
                            default ./nudge.db)
      --role ROLE           api|worker|all: take requests, send, or both (env NUDGE_ROLE,
                            default all; api and worker need PostgreSQL)
      --config FILE         Config file with carriers and settings (env NUDGE_CONFIG)
      --log-level LEVEL     fatal|error|warn|info|debug|trace (env NUDGE_LOG_LEVEL)
  stores create NAME        Create a store; prints its id, API key, webhook secret, and the
                            address and steps that connect its platform
      --platform P          shopify|woocommerce|custom (default custom)
      --platform-secret S   The secret the platform signs webhooks with (WooCommerce: made
                            when not given; Shopify: shown once a webhook exists)
      --public-url URL      The store's own address, where its short links live
      --sender FROM         Default sender: +E.164 number, short code or alphanumeric ID
      --country CC          Default country for numbers written without +, e.g. US
      --api-url URL         Nudge's address as the platform reaches it (default the
                            configured host and port)
      --dashboard-password PW
                            Password for the web dashboard, at least 10 characters (the
                            API key logs in too)
      --db FILE|URL  --config FILE  --json
  stores list               List stores
      --db FILE|URL  --json
  stores password STORE_ID --dashboard-password PW
                            Set or change the store's dashboard password; ends the
                            store's open dashboard sessions
      --db FILE|URL  --json
  keys rotate --store ID    Issue a new API key for a store and revoke the old one; ends
                            the store's open dashboard sessions
      --db FILE|URL  --json
  contacts import FILE --store ID
                            Import consent from a CSV file (columns phone, evidence, …);
                            checks every row first and imports nothing if one is bad
      --db FILE|URL  --config FILE  --json
  smsc                      Run the SMSC simulator on loopback
      --smpp-port N         SMPP port (default 2775)
      --control-port N      HTTP control API port (default 8075)
      --receipt-delay-ms N  Delay before each delivery receipt (default 200)
      --delivered-rate R    Share of messages delivered, 0-1 (default 1; the rest undelivered)
  demo                      Play a Shopify store's abandoned checkout through a Nudge started in
                            this process (temporary database, SMSC simulator, a clock that skips
                            ahead): the reminder text, the click on its link, the order
      --db FILE             Keep the demo's database in FILE, a new SQLite file
`

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  role: { type: 'string' },
  config: { type: 'string' },
  'log-level': { type: 'string' },
  json: { type: 'boolean' },
  store: { type: 'string' },
  platform: { type: 'string' },
  'platform-secret': { type: 'string' },
  'public-url': { type: 'string' },
  sender: { type: 'string' },
  country: { type: 'string' },
  'api-url': { type: 'string' },
  'dashboard-password': { type: 'string' },
  'smpp-port': { type: 'string' },
  'control-port': { type: 'string' },
  'receipt-delay-ms': { type: 'string' },
  'delivered-rate': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export type CliOptions = ReturnType<typeof parseCli>['values']

function parseCli(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv)
  const [command, sub, ...rest] = positionals
  if (values.help === true || command === undefined || command === 'help') {
    process.stdout.write(USAGE)
    return command === undefined && values.help !== true ? 2 : 0
  }

  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'serve':
      return runServe(values)
    case 'smsc':
      return runSmsc(values)
    case 'stores create':
      return runStoresCreate(values, rest.join(' '))
    case 'stores list':
      return runStoresList(values)
    case 'stores password':
      return runStoresPassword(values, rest)
    case 'keys rotate':
      return runKeysRotate(values)
    case 'demo':
      return runDemo(values)
    case 'contacts import':
      return runContactsImport(values, rest[0])
    default:
      throw new UsageError(`unknown command "${positionals.join(' ')}"`)
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`nudge: ${err.message}\n`)
      process.exitCode = 2
    } else if (
      err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`nudge: ${(err as Error).message}\n\n${USAGE}`)
      process.exitCode = 2
    } else if (err instanceof NudgeError) {
      process.stderr.write(`nudge: ${err.message}\n`)
      process.exitCode = 1
    } else {
      process.stderr.write(`nudge: ${(err as Error).stack ?? String(err)}\n`)
      process.exitCode = 1
    }
  },
)
