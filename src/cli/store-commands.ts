import { systemClock } from '../runtime/index.js'
import { StoreRegistry } from '../stores/index.js'
import type { CliOptions } from './main.js'
import { withDatabase } from './open-database.js'
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

  const { store, apiKey } = await withRegistry(options, (r) => r.create(trimmed), true)
  if (options.json === true) {
    const out = { id: store.id, api_key: apiKey, webhook_secret: store.webhookSecret }
    process.stdout.write(`${JSON.stringify(out)}\n`)
  } else {
    process.stdout.write(
      [
        `Store created: ${store.name}`,
        `  id:             ${store.id}`,
        `  API key:        ${apiKey}`,
        `  webhook secret: ${store.webhookSecret}`,
        '',
        'The API key is shown only this once; keep it somewhere safe.',
        '',
      ].join('\n'),
    )
  }
  return 0
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

  const apiKey = await withRegistry(options, (r) => r.rotateKey(storeId))
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify({ id: storeId, api_key: apiKey })}\n`)
  } else {
    process.stdout.write(
      `New API key for ${storeId}: ${apiKey}\nThe previous key no longer works.\n`,
    )
  }
  return 0
}
