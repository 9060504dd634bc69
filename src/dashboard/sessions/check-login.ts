import type { Store, StoreRegistry } from '../../stores/index.js'
import type { DashboardPasswords } from './dashboard-passwords.js'

/** What a browser logs in with: the store's API key, or its id and dashboard password. */
export type LoginCredentials =
  | { readonly method: 'api_key'; readonly apiKey: string }
  | { readonly method: 'password'; readonly storeId: string; readonly password: string }

/** Reads the credentials from a login body, or undefined when it holds neither kind. */
export function readCredentials(body: unknown): LoginCredentials | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const { api_key: apiKey, store_id: storeId, password } = body as Record<string, unknown>
  if (typeof apiKey === 'string' && storeId === undefined && password === undefined) {
    return { method: 'api_key', apiKey }
  }
  if (apiKey === undefined && typeof storeId === 'string' && typeof password === 'string') {
    return { method: 'password', storeId, password }
  }
  return undefined
}

/** The store the credentials open, or undefined; the reason is deliberately not told. */
export async function checkLogin(
  credentials: LoginCredentials,
  deps: { readonly registry: StoreRegistry; readonly passwords: DashboardPasswords },
): Promise<Store | undefined> {
  if (credentials.method === 'api_key') return deps.registry.authenticate(credentials.apiKey)

  const { storeId, password } = credentials
  if (!(await deps.passwords.verify(storeId, password))) return undefined
  return deps.registry.find(storeId)
}
