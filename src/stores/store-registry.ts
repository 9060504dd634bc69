import { createHash } from 'node:crypto'
import type { Db, StoreTable } from '../storage/index.js'
import { newId, newSecret, NotFoundError, type Clock } from '../runtime/index.js'
import { parseComplianceSettings } from './compliance-settings.js'
import type { Store, StorePlatform, StoreSettingsPatch } from './store.js'

/** What `createStore` hands back once: the key is never stored, only its hash. */
export interface CreatedStore {
  readonly store: Store
  readonly apiKey: string
}

/** How a store connects to its platform; absent fields take their defaults. */
export interface StoreConnection {
  /** Default `custom`. */
  readonly platform?: StorePlatform
  /** For WooCommerce, generated when not given. */
  readonly platformSecret?: string | null
  readonly publicBaseUrl?: string | null
  readonly timeZone?: string | null
}

/**
 * How long an authenticated key and its store's settings are trusted without asking the
 * database again. Changes made by another process show up within this time.
 */
const KEY_CACHE_MS = 10_000

/**
 * Stores and their API keys. Keys are random 32-byte secrets shown once; the database keeps
 * only their SHA-256, which is enough for a high-entropy secret and cheap on every request.
 */
export class StoreRegistry {
  readonly #db: Db
  readonly #clock: Clock
  readonly #keyCache = new Map<string, { store: Store; expiresAtMs: number }>()

  constructor(options: { db: Db; clock: Clock }) {
    this.#db = options.db
    this.#clock = options.clock
  }

  async create(name: string, connection: StoreConnection = {}): Promise<CreatedStore> {
    const nowMs = this.#clock.now()
    const platform = connection.platform ?? 'custom'
    const row: StoreTable = {
      id: newId('st', nowMs),
      name,
      webhook_url: null,
      webhook_secret: newSecret('whsec'),
      default_country: null,
      default_sender: null,
      compliance_settings: null,
      platform,
      platform_secret: platformSecretFor(platform, connection.platformSecret ?? null),
      public_base_url: connection.publicBaseUrl ?? null,
      time_zone: connection.timeZone ?? null,
      dashboard_password_hash: null,
      created_at: nowMs,
      updated_at: nowMs,
    }
    const apiKey = newSecret('nk_live', 32)

    await this.#db.transaction().execute(async (trx) => {
      await trx.insertInto('stores').values(row).execute()
      await trx
        .insertInto('api_keys')
        .values({
          id: newId('key', nowMs),
          store_id: row.id,
          key_hash: hashKey(apiKey),
          created_at: nowMs,
          revoked_at: null,
        })
        .execute()
    })
    return { store: toStore(row), apiKey }
  }

  /** The store a key belongs to, or undefined for an unknown or revoked key. */
  async authenticate(apiKey: string): Promise<Store | undefined> {
    const hash = hashKey(apiKey)
    const nowMs = this.#clock.now()
    const cached = this.#keyCache.get(hash)
    if (cached !== undefined && cached.expiresAtMs > nowMs) return cached.store

    const key = await this.#db
      .selectFrom('api_keys')
      .select('store_id')
      .where('key_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (key === undefined) return undefined

    const store = await this.find(key.store_id)
    if (store !== undefined) this.#keyCache.set(hash, { store, expiresAtMs: nowMs + KEY_CACHE_MS })
    return store
  }

  async find(storeId: string): Promise<Store | undefined> {
    const row = await this.#db
      .selectFrom('stores')
      .selectAll()
      .where('id', '=', storeId)
      .executeTakeFirst()
    return row === undefined ? undefined : toStore(row)
  }

  async get(storeId: string): Promise<Store> {
    const store = await this.find(storeId)
    if (store === undefined) throw new NotFoundError('store', storeId)
    return store
  }

  async list(): Promise<Store[]> {
    const rows = await this.#db.selectFrom('stores').selectAll().orderBy('id').execute()
    return rows.map(toStore)
  }

  async update(storeId: string, patch: StoreSettingsPatch): Promise<Store> {
    const changes: Partial<StoreTable> = { updated_at: this.#clock.now() }
    if (patch.name !== undefined) changes.name = patch.name
    if (patch.webhookUrl !== undefined) changes.webhook_url = patch.webhookUrl
    if (patch.defaultCountry !== undefined) changes.default_country = patch.defaultCountry
    if (patch.defaultSender !== undefined) changes.default_sender = patch.defaultSender
    if (patch.compliance !== undefined) {
      changes.compliance_settings = JSON.stringify(patch.compliance)
    }
    if (patch.platformSecret !== undefined) changes.platform_secret = patch.platformSecret
    if (patch.publicBaseUrl !== undefined) changes.public_base_url = patch.publicBaseUrl
    if (patch.timeZone !== undefined) changes.time_zone = patch.timeZone
    if (patch.platform !== undefined) {
      changes.platform = patch.platform
      const secret = patch.platformSecret ?? (await this.get(storeId)).platformSecret
      changes.platform_secret = platformSecretFor(patch.platform, secret)
    }

    const result = await this.#db
      .updateTable('stores')
      .set(changes)
      .where('id', '=', storeId)
      .executeTakeFirst()
    if (result.numUpdatedRows === 0n) throw new NotFoundError('store', storeId)
    this.#keyCache.clear()
    return this.get(storeId)
  }

  /**
   * Issues a new API key and revokes the old ones, so a leaked key stops working at once.
   * Other processes may honour a revoked key for up to {@link KEY_CACHE_MS}.
   */
  async rotateKey(storeId: string): Promise<string> {
    await this.get(storeId)
    const nowMs = this.#clock.now()
    const apiKey = newSecret('nk_live', 32)

    await this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable('api_keys')
        .set({ revoked_at: nowMs })
        .where('store_id', '=', storeId)
        .where('revoked_at', 'is', null)
        .execute()
      await trx
        .insertInto('api_keys')
        .values({
          id: newId('key', nowMs),
          store_id: storeId,
          key_hash: hashKey(apiKey),
          created_at: nowMs,
          revoked_at: null,
        })
        .execute()
    })
    this.#keyCache.clear()
    return apiKey
  }
}

/**
 * WooCommerce signs with whatever secret the webhook is given, so Nudge can make one for the
 * store owner to paste there. Shopify makes its own, shown once a webhook exists.
 */
function platformSecretFor(platform: StorePlatform, given: string | null): string | null {
  return given === null && platform === 'woocommerce' ? newSecret('wcsec') : given
}

function hashKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex')
}

/** A store from its row; for code that already read the row in its own transaction. */
export function toStore(row: StoreTable): Store {
  return {
    id: row.id,
    name: row.name,
    webhookUrl: row.webhook_url,
    webhookSecret: row.webhook_secret,
    defaultCountry: row.default_country,
    defaultSender: row.default_sender,
    compliance: parseComplianceSettings(row.compliance_settings),
    platform: (row.platform ?? 'custom') as StorePlatform,
    platformSecret: row.platform_secret,
    publicBaseUrl: row.public_base_url,
    timeZone: row.time_zone,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  }
}
