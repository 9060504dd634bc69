import type { FastifyInstance } from 'fastify'
import { Type, type TSchema } from 'typebox'
import type { Clock } from '../runtime/index.js'
import type { Store, StoreRegistry } from '../stores/index.js'
import { LoginFailedError, LoginThrottledError } from './errors.js'
import { checkLogin, readCredentials } from './sessions/check-login.js'
import { checkCsrf, checkOrigin } from './sessions/csrf-check.js'
import type { DashboardPasswords } from './sessions/dashboard-passwords.js'
import type { DashboardSessions } from './sessions/dashboard-sessions.js'
import type { LoginThrottle } from './sessions/login-throttle.js'
import { isHttpsForBrowser } from './sessions/request-origin.js'
import { requireSession } from './sessions/require-session.js'
import { clearedSessionCookie, sessionCookie } from './sessions/session-cookie.js'

export interface SessionRouteDeps {
  readonly registry: StoreRegistry
  readonly sessions: DashboardSessions
  readonly passwords: DashboardPasswords
  readonly throttle: LoginThrottle
  readonly clock: Clock
  /** How the API describes a problem answer, for the OpenAPI document. */
  readonly problemSchema: TSchema
}

const LoginBody = Type.Union([
  Type.Object(
    { api_key: Type.String({ description: 'The store’s API key' }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      store_id: Type.String(),
      password: Type.String({ description: 'Set with `nudge stores password`' }),
    },
    { additionalProperties: false },
  ),
])

const SessionSchema = Type.Object({
  store: Type.Object({ id: Type.String(), name: Type.String() }),
  csrf_token: Type.String({
    description: 'Send as `X-CSRF-Token` on every POST, PUT, PATCH and DELETE made by cookie',
  }),
})

/**
 * Logging in to the dashboard, reading the session, logging out. The session lives in an
 * HttpOnly cookie; what the page may read is the store and the CSRF token.
 */
export function dashboardSessionRoutes(app: FastifyInstance, deps: SessionRouteDeps): void {
  const problem = deps.problemSchema
  const sessionSecurity = [{ dashboardSession: [] }]

  app.post(
    '/dashboard/session',
    {
      // Any body that is not a full set of credentials is a failed login like a wrong one.
      validatorCompiler: () => () => true,
      schema: {
        summary: 'Log in to the dashboard',
        description:
          'With the store’s API key, or its id and dashboard password. Sets the ' +
          '`nudge_session` cookie (HttpOnly, SameSite=Strict, 12 hours since the last use, ' +
          'at most 7 days). Every failure answers the same 401; ten failures from one ' +
          'address within 15 minutes answer 429 with Retry-After.',
        tags: ['dashboard'],
        security: [],
        body: LoginBody,
        response: { 200: SessionSchema, 401: problem, 403: problem, 429: problem },
      },
    },
    async (request, reply) => {
      checkOrigin(request)
      const client = request.ip
      const waitSeconds = deps.throttle.retryAfterSeconds(client)
      if (waitSeconds > 0) {
        request.log.warn({ retryAfterSeconds: waitSeconds }, 'dashboard logins throttled')
        reply.header('retry-after', String(waitSeconds))
        throw new LoginThrottledError(waitSeconds)
      }

      const failedAtMs = deps.throttle.recordFailure(client)
      const credentials = readCredentials(request.body)
      const store = credentials === undefined ? undefined : await checkLogin(credentials, deps)
      if (credentials === undefined || store === undefined) {
        request.log.info({ method: credentials?.method }, 'dashboard login refused')
        throw new LoginFailedError()
      }
      deps.throttle.forgetFailure(client, failedAtMs)

      const secure = isHttpsForBrowser(request)
      const session = await deps.sessions.start(store.id, { secure })
      request.log.info({ storeId: store.id, method: credentials.method }, 'dashboard login')
      const { sessionId, expiresAt } = session
      return reply
        .header(
          'set-cookie',
          sessionCookie({ sessionId, expiresAt, nowMs: deps.clock.now(), secure }),
        )
        .header('cache-control', 'no-store')
        .send(sessionBody(store, session.csrfToken))
    },
  )

  app.get(
    '/dashboard/session',
    {
      schema: {
        summary: 'The dashboard session of this browser',
        tags: ['dashboard'],
        security: sessionSecurity,
        response: { 200: SessionSchema, 401: problem },
      },
    },
    async (request, reply) => {
      const { session } = await requireSession(request, reply, deps)
      return reply
        .header('cache-control', 'no-store')
        .send(sessionBody(session.store, session.csrfToken))
    },
  )

  app.delete(
    '/dashboard/session',
    {
      schema: {
        summary: 'Log out of the dashboard',
        description: 'Needs `X-CSRF-Token`. Ends the session and clears its cookie.',
        tags: ['dashboard'],
        security: sessionSecurity,
        response: { 204: Type.Null(), 401: problem, 403: problem },
      },
    },
    async (request, reply) => {
      const { sessionId, session } = await requireSession(request, reply, deps)
      checkCsrf(request, session.csrfToken)

      await deps.sessions.end(sessionId)
      request.log.info({ storeId: session.store.id }, 'dashboard logout')
      // In place of a renewed cookie the lookup may have set.
      reply.removeHeader('set-cookie')
      return reply
        .header('set-cookie', clearedSessionCookie({ secure: session.secure }))
        .code(204)
        .send()
    },
  )
}

function sessionBody(store: Store, csrfToken: string): Record<string, unknown> {
  return { store: { id: store.id, name: store.name }, csrf_token: csrfToken }
}
