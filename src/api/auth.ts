import type { FastifyRequest } from 'fastify'
import { NudgeError } from '../runtime/index.js'
import type { Store, StoreRegistry } from '../stores/index.js'

export class UnauthorizedError extends NudgeError {
  readonly code = 'UNAUTHORIZED'
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The store whose API key authenticated this request. */
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

/** Whether a request must carry an API key: every `/v1` route but the platform webhooks. */
export function needsApiKey(request: FastifyRequest): boolean {
  return request.url.startsWith('/v1/') && request.routeOptions.config.signedByPlatform !== true
}

/** Finds the store behind `Authorization: Bearer <key>`; any failure is the same 401. */
export async function authenticate(
  request: FastifyRequest,
  registry: StoreRegistry,
): Promise<void> {
  const header = request.headers.authorization ?? ''
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (match === null) throw new UnauthorizedError('send Authorization: Bearer <API key>')

  const store = await registry.authenticate(match[1]!)
  if (store === undefined) throw new UnauthorizedError('the API key is not valid')

  request.store = store
  request.log = request.log.child({ storeId: store.id })
}
