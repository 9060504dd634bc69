import { api, ApiError, refreshTokenWith, useSessionToken } from './api.js'

/** The logged-in store, as the session routes answer it. */
export interface Session {
  readonly store: { readonly id: string; readonly name: string }
  readonly csrf_token: string
}

export type Credentials =
  { readonly api_key: string } | { readonly store_id: string; readonly password: string }

/** The current session, or undefined when the browser holds none. */
export async function currentSession(): Promise<Session | undefined> {
  const response = await fetch('/dashboard/session', { credentials: 'same-origin' })
  if (response.status === 401) return undefined
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  return started((await response.json()) as Session)
}

export async function logIn(credentials: Credentials): Promise<Session> {
  return started(await api<Session>('POST', '/dashboard/session', { body: credentials }))
}

/**
 * Ends the session on the server. Only an answer that the session is gone counts: a failed
 * logout throws, so the page never shows the login form over a session still open.
 */
export async function logOut(): Promise<void> {
  try {
    await api<void>('DELETE', '/dashboard/session')
  } catch (error) {
    if (!(error instanceof ApiError && error.problem.code === 'SESSION_REQUIRED')) throw error
  }
  useSessionToken('')
}

refreshTokenWith(async () => (await currentSession().catch(() => undefined)) !== undefined)

function started(session: Session): Session {
  useSessionToken(session.csrf_token)
  return session
}
