/** The dashboard's one way to the server: JSON in and out, problems as errors, CSRF header. */

export interface FieldProblem {
  readonly field: string
  readonly code: string
  readonly message: string
  readonly line?: number | null
  readonly column?: number | null
}

/** An RFC 9457 problem as Nudge answers it. */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: string
  readonly errors?: readonly FieldProblem[]
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title)
  }
}

let csrfToken = ''
/** Counts sessions: an answer to a request sent under an older one says nothing of this one. */
let sessionNumber = 0
let onSessionLost: () => void = () => {}
let refreshToken: () => Promise<boolean> = async () => false

/** Remembers the session's CSRF token, sent with every request that changes something. */
export function useSessionToken(token: string): void {
  csrfToken = token
  sessionNumber++
}

/**
 * Asks the server for the session's current token: another tab that logged in again made a
 * new session, whose token this tab must use. True when a token was found.
 */
export function refreshTokenWith(refresh: () => Promise<boolean>): void {
  refreshToken = refresh
}

/** Called when the server no longer knows the session (expired, logged out elsewhere). */
export function whenSessionLost(handler: () => void): void {
  onSessionLost = handler
}

/** The header that proves a changing request comes from the dashboard itself. */
export function csrfHeader(): [string, string] {
  return ['x-csrf-token', csrfToken]
}

export interface RequestOptions {
  /** The page asks on its own (a periodic refresh): the session's idle time runs on. */
  readonly background?: boolean
  readonly body?: unknown
  /** Sends `body` as this content type, unchanged, instead of JSON. */
  readonly contentType?: string
}

export async function api<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  try {
    return await send<T>(method, path, options)
  } catch (error) {
    // A token another tab replaced: take the current one and try once more.
    if (
      error instanceof ApiError &&
      error.problem.code === 'CSRF_FAILED' &&
      (await refreshToken())
    ) {
      return send<T>(method, path, options)
    }
    throw error
  }
}

async function send<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (method !== 'GET') headers[csrfHeader()[0]] = csrfToken
  if (options.background === true) headers['x-nudge-background'] = '1'
  let body: string | undefined
  if (options.body !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/json'
    body = options.contentType === undefined ? JSON.stringify(options.body) : String(options.body)
  }
  const sentUnder = sessionNumber
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' })
  return readResponse<T>(response.status, await response.text(), path, sentUnder)
}

/**
 * Reads an answer: JSON on success, a problem otherwise. A 401 reports the session lost,
 * unless the request was sent before the current session began (a login since answered it).
 */
export function readResponse<T>(status: number, text: string, path: string, sentUnder: number): T {
  const parsed: unknown = text === '' ? undefined : safeParse(text)
  if (status >= 200 && status < 300) return parsed as T
  if (status === 401 && path.startsWith('/v1/') && sentUnder === sessionNumber) onSessionLost()
  throw new ApiError(asProblem(parsed, status))
}

/** The session a request is sent under, for `readResponse`. */
export function currentSessionNumber(): number {
  return sessionNumber
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function asProblem(value: unknown, status: number): Problem {
  if (value !== null && typeof value === 'object' && 'code' in value && 'title' in value) {
    return value as Problem
  }
  return {
    type: 'about:blank',
    title: 'The server could not answer',
    status,
    detail: `HTTP ${status}`,
    code: 'UNREADABLE_ANSWER',
  }
}

/** Makes a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value))
  }
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}

/** A phone number as a path segment: `+` and all. */
export function phonePath(phone: string): string {
  return encodeURIComponent(phone.trim())
}
