import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { listDecisions } from '../../compliance/index.js'
import { ValidationError } from '../../runtime/index.js'
import type { ApiDeps } from '../api-deps.js'
import { DecisionListQuery, DecisionSchema } from '../compliance-schemas.js'
import { toDecisionResource } from '../compliance-resources.js'
import { decodeCursor, encodeCursor } from '../cursor.js'
import { parsePhoneParam } from '../phone-param.js'
import { COMMON_ERRORS } from '../schemas.js'

export function complianceDecisionRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/v1/compliance/decisions',
    {
      schema: {
        summary: 'The gate’s decisions, newest first: allowed, held or suppressed, and why',
        tags: ['compliance'],
        querystring: DecisionListQuery,
        response: {
          200: Type.Object({
            data: Type.Array(DecisionSchema),
            next_cursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...COMMON_ERRORS,
        },
      },
    },
    async (request) => {
      const query = request.query as DecisionListQuery
      const phone =
        query.phone === undefined ? undefined : parsePhoneParam(query.phone, request.store)
      const sinceMs = query.since === undefined ? undefined : Date.parse(query.since)
      if (sinceMs !== undefined && Number.isNaN(sinceMs)) {
        throw new ValidationError([
          { field: '/since', code: 'INVALID', message: 'must be an ISO 8601 date-time' },
        ])
      }

      const limit = query.limit ?? 50
      const beforeId = query.cursor === undefined ? undefined : String(decodeCursor(query.cursor))
      const decisions = await listDecisions(deps.db, request.store.id, {
        phone,
        sinceMs,
        beforeId,
        limit,
      })
      const last = decisions[decisions.length - 1]
      return {
        data: decisions.map(toDecisionResource),
        next_cursor:
          decisions.length === limit && last !== undefined ? encodeCursor(last.id) : null,
      }
    },
  )
}
