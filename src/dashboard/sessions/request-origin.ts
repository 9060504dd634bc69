import type { IncomingHttpHeaders } from 'node:http'

/** What a request says about where it came from; a Fastify request has these fields. */
export interface OriginFacts {
  readonly method: string
  readonly headers: IncomingHttpHeaders
  /** `http` or `https`, as the connection to Nudge was made. */
  readonly protocol: string
  /** The `Host` header: the address the browser asked for. */
  readonly host: string
}

/**
 * Whether the request's `Origin`, when it has one, is Nudge's own: the same host and port
 * as the `Host` header. Browsers send `Origin` on every request that changes something, and
 * a page on another site cannot forge it.
 *
 * The scheme must match too, with one allowance: an `https` origin for a request that
 * reached Nudge as plain http is a reverse proxy that ended TLS in front of it, not another
 * site, since a host and port serve one scheme. The other way round (an http page calling
 * Nudge over https) is refused.
 */
export function hasOwnOrigin(request: OriginFacts): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return true
  const claimed = parseOrigin(origin)
  if (claimed === undefined) return false
  // The Host header read with the origin's scheme, so an absent port means that scheme's.
  const own = parseOrigin(`${claimed.scheme}://${request.host}`)
  if (own === undefined || own.host !== claimed.host) return false
  return (
    claimed.scheme === request.protocol ||
    (claimed.scheme === 'https' && request.protocol === 'http')
  )
}

/**
 * Whether the browser reached Nudge over https: the connection was TLS, or a TLS-ending
 * proxy passed on a request whose own `Origin` is https.
 */
export function isHttpsForBrowser(request: OriginFacts): boolean {
  if (request.protocol === 'https') return true
  const origin = request.headers.origin
  return origin !== undefined && hasOwnOrigin(request) && parseOrigin(origin)?.scheme === 'https'
}

/** Scheme and host (with the port unless it is the scheme's default), or undefined. */
function parseOrigin(text: string): { scheme: string; host: string } | undefined {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  if (url.username !== '' || url.password !== '' || url.pathname !== '/') return undefined
  return { scheme: url.protocol.slice(0, -1), host: url.host }
}
