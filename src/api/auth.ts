import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  checkCsrf,
  readSessionCookie,
  requireSession,
  type DashboardSessions,
} from '../dashboard/index.js'
import { NudgeError, type Clock } from '../runtime/index.js'
import type { Store, StoreRegistry } from '../stores/index.js'

export class UnauthorizedError extends NudgeError {
  readonly code = 'UNAUTHORIZED'
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The store whose API key, or dashboard session, authenticated this request. */
    store: Store
  }
  interface FastifyContextConfig {
    /**
     * The route is called by a store's platform, which signs the body instead of sending an
     * API key; the route checks the signature itself.
     */
    signedByPlatform?: boolean
  }
}

/** What telling a request's store needs. */
export interface AuthDeps {
  readonly registry: StoreRegistry
  readonly sessions: DashboardSessions
  readonly clock: Clock
}

/** Whether a request must name its store: every `/v1` route but the platform webhooks. */
export function needsAuthentication(request: FastifyRequest): boolean {
  // The route the router matched, never the raw URL: the router decodes the path before
  // matching, so `/%761/store` reaches `/v1/store` while its URL does not start with `/v1/`.
  const route = request.routeOptions.url
  return (
    route !== undefined &&
    route.startsWith('/v1/') &&
    request.routeOptions.config.signedByPlatform !== true
  )
}

/**
 * Finds the store behind `Authorization: Bearer <key>`, or else behind the dashboard's
 * session cookie. A request with an Authorization header is judged by it alone, so a
 * program's requests behave the same whatever cookies its client keeps.
 */
export async function authenticate(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AuthDeps,
): Promise<void> {
  const header = request.headers.authorization
  const store =
    header === undefined && readSessionCookie(request.headers.cookie) !== undefined
      ? await storeOfSession(request, reply, deps)
      : await storeOfKey(header ?? '', deps.registry)

  request.store = store
  request.log = request.log.child({ storeId: store.id })
}

/** Any failure is the same 401, whether the key is malformed, unknown or revoked. */
async function storeOfKey(header: string, registry: StoreRegistry): Promise<Store> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (match === null) throw new UnauthorizedError('send Authorization: Bearer <API key>')

  const store = await registry.authenticate(match[1]!)
  if (store === undefined) throw new UnauthorizedError('the API key is not valid')
  return store
}

/**
 * The session's store. A cookie travels with every request the browser makes to Nudge, so
 * a request that changes something must also prove it came from the dashboard's own page.
 */
async function storeOfSession(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AuthDeps,
): Promise<Store> {
  const { session } = await requireSession(request, reply, deps)
  checkCsrf(request, session.csrfToken)
  return session.store
}
