import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import {
  DashboardPasswords,
  dashboardPageRoutes,
  DashboardSessions,
  dashboardSessionRoutes,
  findPublicDir,
  LoginThrottle,
} from '../dashboard/index.js'
import { findNul, NUL_PROBLEM, ValidationError } from '../runtime/index.js'
import type { ApiDeps } from './api-deps.js'
import { authenticate, needsAuthentication } from './auth.js'
import { internalProblem, problemFor, sendProblem } from './problem.js'
import { RequestLog } from './request-log.js'
import { analyticsRoutes } from './routes/analytics.js'
import { carrierRoutes } from './routes/carriers.js'
import { complianceDecisionRoutes } from './routes/compliance-decisions.js'
import { contactImportRoutes } from './routes/contact-import.js'
import { contactRoutes } from './routes/contacts.js'
import { eventRoutes } from './routes/events.js'
import { flowRoutes } from './routes/flows.js'
import { linkRoutes } from './routes/links.js'
import { messageRoutes } from './routes/messages.js'
import { operationsRoutes } from './routes/operations.js'
import { ProblemSchema } from './schemas.js'
import { storeEventRoutes } from './routes/store-events.js'
import { storeRoutes } from './routes/store.js'
import { storeConnectionRoutes } from './routes/store-connection.js'
import { storeSampleRoutes } from './routes/store-samples.js'
import { storeWebhookRoutes } from './routes/store-webhooks.js'
import { templateRoutes } from './routes/templates.js'
import { webhookDeliveryRoutes } from './routes/webhook-deliveries.js'

/**
 * Builds the HTTP API. Every `/v1` route needs a store's API key or a dashboard session;
 * errors answer as RFC 9457 problem JSON; the OpenAPI document is generated from the same
 * schemas that validate. A full process also serves the dashboard at `/`.
 */
export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'api' }) as FastifyBaseLogger,
    logController: new RequestLog(),
    bodyLimit: 1024 * 1024,
    // A path the router cannot read (bad percent-encoding, a segment over 100 characters)
    // answers as problem JSON like every other error.
    frameworkErrors: (error, request, reply) =>
      sendProblem(reply, {
        type: '/problems/malformed-request',
        title: 'The request could not be read',
        status: 400,
        code: 'MALFORMED_REQUEST',
        detail:
          error.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? 'a path segment is longer than 100 characters'
            : 'the path is not valid percent-encoded UTF-8',
        instance: request.url,
      }),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  })

  // JSON only: a body sent as text/plain gets 415 rather than a confusing type error, and an
  // empty JSON body (a bare POST to an action route) reads as no body at all.
  app.removeContentTypeParser(['text/plain', 'application/json'])
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body)
    if (text === '') {
      done(null, undefined)
      return
    }
    parseJson(request, text, (err, parsed) => {
      const nulAt = err === null ? findNul(parsed) : undefined
      if (nulAt === undefined) done(err, parsed)
      else done(new ValidationError([{ field: nulAt, ...NUL_PROBLEM }]), undefined)
    })
  })

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Nudge API',
        version: '1',
        description:
          'Send and receive SMS, follow delivery, receive signed status webhooks, and keep ' +
          'consent: every outbound message passes a compliance gate that may hold it for ' +
          'quiet hours or suppress it, with a recorded reason.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'Store API key' },
          dashboardSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'nudge_session',
            description:
              'Dashboard session from POST /dashboard/session. POST, PUT, PATCH and DELETE ' +
              'made with it also need the session’s csrf_token in X-CSRF-Token.',
          },
        },
      },
      security: [{ apiKey: [] }, { dashboardSession: [] }],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  // Only `/v1` needs an API key or a session; `/r/` short links are opened by recipients'
  // phones, and the dashboard's page and login by anyone.
  const sessions = new DashboardSessions({ db: deps.db, clock: deps.clock })
  const auth = { registry: deps.registry, sessions, clock: deps.clock }
  app.addHook('onRequest', async (request, reply) => {
    if (needsAuthentication(request)) await authenticate(request, reply, auth)
  })

  app.setErrorHandler(async (error, request, reply) => {
    const problem = problemFor(error, request.url)
    if (problem !== undefined) return sendProblem(reply, problem)
    request.log.error({ err: error }, 'request failed')
    return sendProblem(reply, internalProblem(request.url))
  })
  app.setNotFoundHandler(async (request, reply) =>
    sendProblem(reply, {
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      code: 'NOT_FOUND',
      detail: `no route ${request.method} ${request.url.split('?')[0]}`,
      instance: request.url,
    }),
  )

  operationsRoutes(app, deps)
  if (deps.surface === 'operations') return app
  messageRoutes(app, deps)
  storeRoutes(app, deps)
  eventRoutes(app, deps)
  webhookDeliveryRoutes(app, deps)
  contactRoutes(app, deps)
  contactImportRoutes(app, deps)
  complianceDecisionRoutes(app, deps)
  storeEventRoutes(app, deps)
  await storeWebhookRoutes(app, deps)
  storeConnectionRoutes(app, deps)
  storeSampleRoutes(app, deps)
  templateRoutes(app, deps)
  linkRoutes(app, deps)
  flowRoutes(app, deps)
  analyticsRoutes(app, deps)
  carrierRoutes(app, deps)
  dashboardSessionRoutes(app, {
    ...auth,
    passwords: new DashboardPasswords({ db: deps.db }),
    throttle: new LoginThrottle({ clock: deps.clock }),
    problemSchema: ProblemSchema,
  })
  dashboardPageRoutes(app, { publicDir: deps.dashboardDir ?? findPublicDir() })
  return app
}
