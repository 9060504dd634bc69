import { existsSync } from 'node:fs'
import { loadConfig } from '../config/index.js'
import { systemClock } from '../runtime/index.js'
import { isPostgresUrl, migrate, openDatabase, StorageError } from '../storage/index.js'
import { StoreRegistry } from '../stores/index.js'
import type { CliOptions } from './main.js'
import { UsageError } from './usage-error.js'

/**
 * Opens the database for one command. Only `stores create` may start a new database; the
 * others refuse a path with no database, which is almost always a typo.
 */
async function withRegistry<T>(
  options: CliOptions,
  work: (registry: StoreRegistry) => Promise<T>,
  canCreate = false,
): Promise<T> {
  // Store commands only open the database: the process role does not apply to them.
  const config = loadConfig({ db: options.db, config: options.config, role: 'all' }, process.env)
  const isFile = !isPostgresUrl(config.database) && config.database !== ':memory:'
  if (!canCreate && isFile && !existsSync(config.database)) {
    throw new StorageError(`there is no database at ${config.database} (give it with --db FILE)`)
  }
  const { db, close } = openDatabase(config.database)
  try {
    await migrate(db)
    return await work(new StoreRegistry({ db, clock: systemClock }))
  } finally {
    await close()
  }
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
