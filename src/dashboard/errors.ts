import { NudgeError } from '../runtime/index.js'

/**
 * A login was refused. The message is the same whatever was wrong (unknown key, unknown
 * store, wrong password, no password set), so an answer never tells which part was right.
 */
export class LoginFailedError extends NudgeError {
  readonly code = 'LOGIN_FAILED'

  constructor() {
    super('the API key, or the store id and password, are not valid')
  }
}

/** Too many failed logins came from one address; it may try again after a pause. */
export class LoginThrottledError extends NudgeError {
  readonly code = 'LOGIN_THROTTLED'
  readonly retryAfterSeconds: number

  constructor(retryAfterSeconds: number) {
    super(`too many failed logins from this address; try again in ${retryAfterSeconds} s`, {
      details: { retryAfterSeconds },
    })
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** The request needs a dashboard session, and its cookie names none that is still open. */
export class SessionRequiredError extends NudgeError {
  readonly code = 'SESSION_REQUIRED'
}

/**
 * A request made with the session cookie changes something but does not prove it came from
 * the dashboard's own page: its CSRF token is missing or wrong, or its Origin is foreign.
 */
export class CsrfFailedError extends NudgeError {
  readonly code = 'CSRF_FAILED'
}

/** A dashboard password that may not be set (too short, too long). */
export class DashboardPasswordError extends NudgeError {
  readonly code = 'DASHBOARD_PASSWORD_INVALID'
}

/** The dashboard's page and bundle are not in the package: it was never built. */
export class DashboardNotBuiltError extends NudgeError {
  readonly code = 'DASHBOARD_NOT_BUILT'
}
