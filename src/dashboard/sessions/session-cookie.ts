/** The cookie that carries a dashboard session. */
export const SESSION_COOKIE = 'nudge_session'

/**
 * The session cookie's value from a `Cookie` header, or undefined when there is none.
 * `HttpOnly` keeps it from the page's scripts and `SameSite=Strict` from every request another
 * site starts, so a page elsewhere can neither read it nor send it.
 */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=')
    if (at !== -1 && pair.slice(0, at).trim() === SESSION_COOKIE) {
      const value = pair.slice(at + 1).trim()
      return value === '' ? undefined : value
    }
  }
  return undefined
}

/**
 * `Set-Cookie` for a session, living until the session expires: the browser drops it when
 * the server would refuse it anyway. `Secure` when the browser uses https.
 */
export function sessionCookie(options: {
  readonly sessionId: string
  readonly expiresAt: number
  readonly nowMs: number
  readonly secure: boolean
}): string {
  const maxAgeSeconds = Math.max(0, Math.floor((options.expiresAt - options.nowMs) / 1000))
  return cookie(options.sessionId, maxAgeSeconds, options.secure)
}

/** `Set-Cookie` that makes the browser forget the session cookie. */
export function clearedSessionCookie(options: { readonly secure: boolean }): string {
  return cookie('', 0, options.secure)
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  const attributes = ['HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${maxAgeSeconds}`]
  if (secure) attributes.push('Secure')
  return [`${SESSION_COOKIE}=${value}`, ...attributes].join('; ')
}
