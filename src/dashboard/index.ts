/**
 * The web dashboard's server side: store owners log in with the store's API key or its
 * dashboard password, get a session cookie, and use the API through it; the built page and
 * bundle (`src/dashboard/app`, bundled into `dist/public`) are served from here too.
 */
export {
  CsrfFailedError,
  DashboardNotBuiltError,
  DashboardPasswordError,
  LoginFailedError,
  LoginThrottledError,
  SessionRequiredError,
} from './errors.js'
export {
  DashboardSessions,
  SESSION_IDLE_MS,
  SESSION_LIFETIME_MS,
  type ResumedSession,
  type StartedSession,
} from './sessions/dashboard-sessions.js'
export { DashboardPasswords } from './sessions/dashboard-passwords.js'
export {
  checkPasswordLength,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from './sessions/password-hash.js'
export { LoginThrottle, type LoginThrottleOptions } from './sessions/login-throttle.js'
export { checkCsrf, CSRF_HEADER } from './sessions/csrf-check.js'
export { readSessionCookie, SESSION_COOKIE } from './sessions/session-cookie.js'
export { requireSession } from './sessions/require-session.js'
export { dashboardSessionRoutes, type SessionRouteDeps } from './session-routes.js'
export { dashboardPageRoutes, DASHBOARD_PATHS } from './serve-page.js'
export { findPublicDir } from './public-dir.js'
