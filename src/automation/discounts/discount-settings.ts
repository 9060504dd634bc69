import type { Db, DiscountSettingsTable, Trx } from '../../storage/index.js'
import { DEFAULT_DISCOUNT_PREFIX } from './discount-code.js'

/** What a platform needs to let Nudge create codes: an access token, or a REST API key. */
export type DiscountCredentials =
  | { readonly kind: 'access_token'; readonly accessToken: string }
  | { readonly kind: 'api_key'; readonly consumerKey: string; readonly consumerSecret: string }

/**
 * How a store's platform is reached to create discount codes. The platform itself is the
 * store's (`shopify` or `woocommerce`); these say where its API is and how to sign in.
 */
export interface DiscountSettings {
  /** The shop's base URL, e.g. `https://northwind.myshopify.com`; null until set. */
  readonly apiUrl: string | null
  /** Secret: never logged, never shown. */
  readonly credentials: DiscountCredentials | null
  /** Put before every code. Default `NUDGE-`. */
  readonly prefix: string
}

export const NO_DISCOUNT_SETTINGS: DiscountSettings = Object.freeze({
  apiUrl: null,
  credentials: null,
  prefix: DEFAULT_DISCOUNT_PREFIX,
})

export async function findDiscountSettings(
  db: Db | Trx,
  storeId: string,
): Promise<DiscountSettings> {
  const row = await db
    .selectFrom('discount_settings')
    .selectAll()
    .where('store_id', '=', storeId)
    .executeTakeFirst()
  return row === undefined ? NO_DISCOUNT_SETTINGS : toDiscountSettings(row)
}

export async function saveDiscountSettings(
  db: Db,
  args: { readonly storeId: string; readonly settings: DiscountSettings; readonly nowMs: number },
): Promise<void> {
  const { storeId, settings, nowMs } = args
  const values = {
    api_url: settings.apiUrl,
    credentials: settings.credentials === null ? null : credentialsJson(settings.credentials),
    prefix: settings.prefix,
    updated_at: nowMs,
  }
  await db
    .insertInto('discount_settings')
    .values({ store_id: storeId, ...values })
    .onConflict((oc) => oc.column('store_id').doUpdateSet(values))
    .execute()
}

function toDiscountSettings(row: DiscountSettingsTable): DiscountSettings {
  return { apiUrl: row.api_url, credentials: parseCredentials(row.credentials), prefix: row.prefix }
}

function credentialsJson(credentials: DiscountCredentials): string {
  return JSON.stringify(
    credentials.kind === 'access_token'
      ? { access_token: credentials.accessToken }
      : { consumer_key: credentials.consumerKey, consumer_secret: credentials.consumerSecret },
  )
}

function parseCredentials(json: string | null): DiscountCredentials | null {
  if (json === null) return null
  const stored = JSON.parse(json) as Record<string, string | undefined>
  if (stored['access_token'] !== undefined) {
    return { kind: 'access_token', accessToken: stored['access_token'] }
  }
  if (stored['consumer_key'] !== undefined && stored['consumer_secret'] !== undefined) {
    return {
      kind: 'api_key',
      consumerKey: stored['consumer_key'],
      consumerSecret: stored['consumer_secret'],
    }
  }
  return null
}
