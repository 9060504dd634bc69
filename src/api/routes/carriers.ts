import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { routeStatus } from '../../delivery/index.js'
import type { ApiDeps } from '../api-deps.js'
import { COMMON_ERRORS } from '../schemas.js'

const RouteSchema = Type.Object({
  id: Type.String(),
  host: Type.String(),
  port: Type.Integer(),
  binds: Type.Union(
    [Type.Object({ up: Type.Integer(), configured: Type.Integer() }), Type.Null()],
    { description: 'null where this process does not send on the route (see `owner`)' },
  ),
  rate_limit_segments_per_second: Type.Number(),
  current_segments_per_second: Type.Number({ description: 'Over the last 10 seconds' }),
  queue_depth: Type.Integer({
    description: 'Messages bound to the route and due now: waiting for a slot, or in flight',
  }),
  owner: Type.Union([Type.String(), Type.Null()], {
    description: 'The worker holding the route’s lease in a PostgreSQL cluster',
  }),
})

/** `GET /v1/carriers`: each route's binds, rate against its limit, and what waits for it. */
export function carrierRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/v1/carriers',
    {
      schema: {
        summary: 'The routes to carriers: binds, sending rate, limit and queue',
        description:
          'Routes are shared by every store of the installation, so any store’s key reads ' +
          'them. `unrouted` counts due messages not yet bound to a route.',
        tags: ['operations'],
        response: {
          200: Type.Object({ routes: Type.Array(RouteSchema), unrouted: Type.Integer() }),
          401: COMMON_ERRORS[401],
        },
      },
    },
    async () => {
      const report = await routeStatus(deps.db, {
        routes: deps.describeRoutes?.() ?? [],
        nowMs: deps.clock.now(),
      })
      return {
        routes: report.routes.map((r) => ({
          id: r.routeId,
          host: r.host,
          port: r.port,
          binds: r.bindsUp === null ? null : { up: r.bindsUp, configured: r.bindsConfigured },
          rate_limit_segments_per_second: r.segmentsPerSecond,
          current_segments_per_second: r.currentSegmentsPerSecond,
          queue_depth: r.queueDepth,
          owner: r.owner,
        })),
        unrouted: report.unrouted,
      }
    },
  )
}
