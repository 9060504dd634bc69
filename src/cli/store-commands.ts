import { isSupportedCountry } from 'libphonenumber-js/max'
import {
  checkPasswordLength,
  DashboardPasswordError,
  DashboardPasswords,
  DashboardSessions,
} from '../dashboard/index.js'
import { parseSender } from '../messaging/index.js'
import { systemClock } from '../runtime/index.js'
import {
  publicBaseUrlOf,
  STORE_PLATFORMS,
  StoreRegistry,
  type StoreConnection,
} from '../stores/index.js'
import type { CliOptions } from './main.js'
import { withDatabase } from './open-database.js'
import { connectionGuide } from './store-connection-guide.js'
import { UsageError } from './usage-error.js'

/** Runs `work` on the store registry of the command's database. */
function withRegistry<T>(
  options: CliOptions,
  work: (registry: StoreRegistry) => Promise<T>,
  canCreate = false,
): Promise<T> {
  return withDatabase(
    options,
    ({ db }) => work(new StoreRegistry({ db, clock: systemClock })),
    canCreate,
  )
}

export async function runStoresCreate(options: CliOptions, name: string): Promise<number> {
  const trimmed = name.trim()
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw new UsageError('give the store a name of 1-200 characters: nudge stores create NAME')
  }
  const connection = connectionOf(options)
  const defaults = defaultsOf(options)
  const apiUrlOption = httpUrlOption(options['api-url'], '--api-url')
  const password = dashboardPasswordOf(options)

  const { store, apiKey, apiUrl } = await withDatabase(
    options,
    async ({ db, config }) => {
      const registry = new StoreRegistry({ db, clock: systemClock })
      const created = await registry.create(trimmed, connection)
      const store = await registry.update(created.store.id, defaults)
      if (password !== undefined) await new DashboardPasswords({ db }).set(store.id, password)
      const { host, port } = config.server
      const apiUrl = apiUrlOption ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`
      return { ...created, store, apiUrl }
    },
    true,
  )
  const guide = connectionGuide({ store, apiUrl, apiKey })
  if (options.json === true) {
    const out = {
      id: store.id,
      api_key: apiKey,
      webhook_secret: store.webhookSecret,
      platform: store.platform,
      platform_secret: store.platformSecret,
      default_sender: store.defaultSender,
      default_country: store.defaultCountry,
      endpoint: guide.endpoint,
      dashboard: `${apiUrl}/`,
      dashboard_password: password !== undefined,
    }
    process.stdout.write(`${JSON.stringify(out)}\n`)
  } else {
    const secret =
      store.platform === 'woocommerce' ? [`  platform secret: ${store.platformSecret ?? ''}`] : []
    process.stdout.write(
      [
        `Store created: ${store.name}`,
        `  id:              ${store.id}`,
        `  API key:         ${apiKey}`,
        `  webhook secret:  ${store.webhookSecret}`,
        `  platform:        ${store.platform}`,
        ...secret,
        '',
        'The API key is shown only this once; keep it somewhere safe.',
        '',
        `Dashboard: ${apiUrl}/ (log in with the API key${
          password === undefined ? '' : ', or the store id and the dashboard password'
        })`,
        '',
        ...(store.defaultSender === null
          ? [
              'No default sender yet: flows and messages without "from" cannot be sent until',
              'one is set (--sender, or PATCH /v1/store with "default_sender").',
              '',
            ]
          : []),
        ...guide.lines,
        '',
      ].join('\n'),
    )
  }
  return 0
}

/** The dashboard password given on the command line, checked before anything is written. */
function dashboardPasswordOf(options: CliOptions): string | undefined {
  const password = options['dashboard-password']
  if (password === undefined) return undefined
  try {
    checkPasswordLength(password)
  } catch (err) {
    if (err instanceof DashboardPasswordError) {
      throw new UsageError(`--dashboard-password: ${err.message}`)
    }
    throw err
  }
  return password
}

/** The default sender and country given on the command line, checked as the API checks them. */
function defaultsOf(options: CliOptions): { defaultSender?: string; defaultCountry?: string } {
  const { sender, country } = options
  if (sender !== undefined) {
    const parsed = parseSender(sender)
    if (!parsed.ok) throw new UsageError(`--sender: ${parsed.message}`)
  }
  if (country !== undefined && !(/^[A-Z]{2}$/.test(country) && isSupportedCountry(country))) {
    throw new UsageError('--country must be an ISO 3166-1 alpha-2 code such as US')
  }
  return {
    ...(sender === undefined ? {} : { defaultSender: sender }),
    ...(country === undefined ? {} : { defaultCountry: country }),
  }
}

/** The platform settings given on the command line. */
function connectionOf(options: CliOptions): StoreConnection {
  const platform = options.platform ?? 'custom'
  if (!(STORE_PLATFORMS as readonly string[]).includes(platform)) {
    throw new UsageError(`--platform must be one of ${STORE_PLATFORMS.join(', ')}`)
  }
  const secret = options['platform-secret']
  if (secret !== undefined && secret.trim() === '') {
    throw new UsageError('--platform-secret must not be blank')
  }
  return {
    platform: platform as StoreConnection['platform'],
    platformSecret: secret ?? null,
    publicBaseUrl: httpUrlOption(options['public-url'], '--public-url') ?? null,
  }
}

function httpUrlOption(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined
  const base = publicBaseUrlOf(value)
  if (base === undefined) throw new UsageError(`${flag} must be an http or https URL`)
  return base
}

export async function runStoresList(options: CliOptions): Promise<number> {
  const stores = await withRegistry(options, (r) => r.list())
  if (options.json === true) {
    const out = stores.map((s) => ({ id: s.id, name: s.name, webhook_url: s.webhookUrl }))
    process.stdout.write(`${JSON.stringify(out)}\n`)
  } else {
    for (const s of stores) process.stdout.write(`${s.id}  ${s.name}\n`)
  }
  return 0
}

export async function runKeysRotate(options: CliOptions): Promise<number> {
  const storeId = options.store?.trim()
  if (storeId === undefined || storeId === '') {
    throw new UsageError('name the store: nudge keys rotate --store ID')
  }

  // Dashboard sessions opened with the old key end with it.
  const apiKey = await withDatabase(options, async ({ db }) => {
    const key = await new StoreRegistry({ db, clock: systemClock }).rotateKey(storeId)
    await new DashboardSessions({ db, clock: systemClock }).endStoreSessions(storeId)
    return key
  })
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ id: storeId, api_key: apiKey })}\n`)
  } else {
    process.stdout.write(
      `New API key for ${storeId}: ${apiKey}\n` +
        'The previous key no longer works, and dashboard sessions of the store have ended.\n',
    )
  }
  return 0
}

export async function runStoresPassword(
  options: CliOptions,
  positionals: readonly string[],
): Promise<number> {
  const usage = 'nudge stores password STORE_ID --dashboard-password PASSWORD'
  const storeId = positionals[0]?.trim()
  if (storeId === undefined || storeId === '' || positionals.length > 1) {
    throw new UsageError(`name one store: ${usage}`)
  }
  if (options['dashboard-password'] === undefined) {
    throw new UsageError(`give the new password: ${usage}`)
  }
  const password = dashboardPasswordOf(options)!

  const { sessionsEnded } = await withDatabase(options, ({ db }) =>
    new DashboardPasswords({ db }).set(storeId, password),
  )
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ id: storeId, sessions_ended: sessionsEnded })}\n`)
  } else {
    process.stdout.write(
      `Dashboard password set for ${storeId}; ${sessionsEnded} open session(s) ended.\n`,
    )
  }
  return 0
}
