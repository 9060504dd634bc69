import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Clock } from '../../runtime/index.js'
import { SessionRequiredError } from '../errors.js'
import type { DashboardSessions, ResumedSession } from './dashboard-sessions.js'
import { clearedSessionCookie, readSessionCookie, sessionCookie } from './session-cookie.js'
import { isHttpsForBrowser } from './request-origin.js'

/**
 * Marks a request the page makes on its own (a periodic refresh): it does not keep the
 * session alive, so an open tab left alone still ends after the idle limit.
 */
export const BACKGROUND_HEADER = 'x-nudge-background'

/**
 * The open session the request's cookie names. When this use moved its expiry on, the reply
 * renews the cookie to match; when the session is gone, the reply tells the browser to
 * forget the cookie and a {@link SessionRequiredError} is thrown.
 */
export async function requireSession(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { readonly sessions: DashboardSessions; readonly clock: Clock },
): Promise<{ sessionId: string; session: ResumedSession }> {
  const sessionId = readSessionCookie(request.headers.cookie)
  const activity = request.headers[BACKGROUND_HEADER] === '1' ? 'background' : 'person'
  const session =
    sessionId === undefined ? undefined : await deps.sessions.resume(sessionId, activity)
  if (sessionId === undefined || session === undefined) {
    if (sessionId !== undefined) {
      reply.header('set-cookie', clearedSessionCookie({ secure: isHttpsForBrowser(request) }))
    }
    throw new SessionRequiredError('no dashboard session is open; log in again')
  }

  if (session.extended) {
    const { expiresAt, secure } = session
    reply.header(
      'set-cookie',
      sessionCookie({ sessionId, expiresAt, nowMs: deps.clock.now(), secure }),
    )
  }
  return { sessionId, session }
}
