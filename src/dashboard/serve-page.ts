import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { BundleFiles, matchesEtag } from './bundle-files.js'
import { DashboardNotBuiltError } from './errors.js'
import { DASHBOARD_SECURITY_HEADERS } from './security-headers.js'

/**
 * The paths the dashboard's page routes itself in the browser: each, and anything below,
 * answers the page, so a reload or a shared link opens the same view.
 */
export const DASHBOARD_PATHS: readonly string[] = [
  '/login',
  '/connect',
  '/flows',
  '/messages',
  '/contacts',
  '/analytics',
  '/carriers',
]

const ASSET_TYPES: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
}
/** A built file's name: the script, the stylesheet and the chunks loaded by one page only. */
const ASSET_NAME = /^[A-Za-z0-9_-]{1,64}\.(js|css)$/

/**
 * Serves the built dashboard: the page at `/` and at its own paths, its script, stylesheet
 * and chunks. Every answer is revalidated (`no-cache` with an ETag), so a new build shows
 * up at the next load. Kept out of the OpenAPI document: it is not part of the API.
 */
export function dashboardPageRoutes(
  app: FastifyInstance,
  options: { readonly publicDir: string | undefined },
): void {
  const files = new BundleFiles(options.publicDir)
  const hidden = { schema: { hide: true } }

  const page = (request: FastifyRequest, reply: FastifyReply) =>
    sendFile({ request, reply, files, name: 'index.html', type: 'text/html; charset=utf-8' })
  app.get('/', hidden, page)
  for (const path of DASHBOARD_PATHS) {
    app.get(path, hidden, page)
    app.get(`${path}/*`, hidden, page)
  }

  app.get('/assets/:name', hidden, async (request, reply) => {
    const { name } = request.params as { name: string }
    const match = ASSET_NAME.exec(name)
    if (match === null) return reply.callNotFound()
    // Only the script and stylesheet prove a build; any other missing name is just unknown.
    const built = name === 'app.js' || name === 'app.css'
    if (!built && (await files.read(name)) === undefined) return reply.callNotFound()
    return sendFile({ request, reply, files, name, type: ASSET_TYPES[match[1]!]! })
  })
}

async function sendFile(options: {
  request: FastifyRequest
  reply: FastifyReply
  files: BundleFiles
  name: string
  type: string
}): Promise<FastifyReply> {
  const { request, reply, files, name, type } = options
  reply.headers(DASHBOARD_SECURITY_HEADERS)
  const file = await files.read(name)
  if (file === undefined) {
    throw new DashboardNotBuiltError(`the dashboard is not built (no ${name}): run npm run build`)
  }

  reply.header('cache-control', 'no-cache').header('etag', file.etag)
  if (matchesEtag(request.headers['if-none-match'], file.etag)) return reply.code(304).send()
  return reply.type(type).send(file.body)
}
