import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { Type } from 'typebox'
import type { ApiDeps } from '../api-deps.js'
import { PROBLEM_TYPES, problemTypeUri } from '../problem-types.js'

/** Routes for operators and tools: no API key, nothing store-specific. */
export function operationsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness and database check',
        tags: ['operations'],
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            role: Type.Optional(Type.String({ description: 'api, worker or all' })),
            routes_owned: Type.Optional(
              Type.Array(Type.String(), { description: 'Routes this process sends on now' }),
            ),
          }),
          503: Type.Object({ status: Type.Literal('unavailable'), reason: Type.String() }),
        },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(deps.db)
        const process = deps.describeProcess?.()
        return {
          status: 'ok' as const,
          ...(process && { role: process.role, routes_owned: [...process.routesOwned] }),
        }
      } catch (err) {
        request.log.error({ err }, 'health check failed')
        return reply.code(503).send({ status: 'unavailable', reason: 'database' })
      }
    },
  )

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const { contentType, body } = await deps.metrics.render()
    return reply.type(contentType).send(body)
  })

  // Each problem `type` is a URI a developer can open to learn what it means.
  for (const [code, problem] of Object.entries(PROBLEM_TYPES)) {
    app.get(problemTypeUri(code), { schema: { hide: true } }, async () => ({
      type: problemTypeUri(code),
      code,
      status: problem.status,
      title: problem.title,
      description: problem.description,
    }))
  }
}
