import { timingSafeEqual } from 'node:crypto'
import { CsrfFailedError } from '../errors.js'
import { hasOwnOrigin, type OriginFacts } from './request-origin.js'

/** The header the dashboard's page echoes its session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token'

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Whether a method may change something, and so needs proof it came from the dashboard. */
export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase())
}

/** Refuses a request whose `Origin` names another site. */
export function checkOrigin(request: OriginFacts): void {
  if (!hasOwnOrigin(request)) {
    throw new CsrfFailedError('the request comes from another origin than the dashboard’s')
  }
}

/**
 * Refuses an unsafe request made with the session cookie unless it carries the session's
 * CSRF token and, if it names one, Nudge's own origin. A cookie goes with any request the
 * browser makes; the token can only be read by the dashboard's own page.
 */
export function checkCsrf(request: OriginFacts, csrfToken: string): void {
  if (!isUnsafeMethod(request.method)) return
  checkOrigin(request)

  const given = request.headers[CSRF_HEADER]
  if (typeof given !== 'string' || !isSameSecret(given, csrfToken)) {
    throw new CsrfFailedError(
      'send the session’s csrf_token in X-CSRF-Token with every change made by cookie',
    )
  }
}

function isSameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
