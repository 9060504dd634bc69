import type { FastifyInstance } from 'fastify'
import { Type, type Static } from 'typebox'
import type { ApiDeps } from '../api-deps.js'
import { decodeCursor, encodeCursor } from '../cursor.js'
import { COMMON_ERRORS } from '../schemas.js'

const EventsQuery = Type.Object(
  {
    after: Type.Optional(Type.String({ description: 'next_cursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
)

const EventSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  created_at: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
})

export function eventRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/v1/events',
    {
      schema: {
        summary: 'Every status change and inbound message, oldest first, to reconcile webhooks',
        tags: ['events'],
        querystring: EventsQuery,
        response: {
          200: Type.Object({
            data: Type.Array(EventSchema),
            next_cursor: Type.String({ description: 'Pass as `after`; stays put at the end' }),
          }),
          ...COMMON_ERRORS,
        },
      },
    },
    async (request) => {
      const query = request.query as Static<typeof EventsQuery>
      const afterSeq = query.after === undefined ? 0 : Number(decodeCursor(query.after, '/after'))

      const rows = await deps.db
        .selectFrom('message_events')
        .select(['seq', 'payload'])
        .where('store_id', '=', request.store.id)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(query.limit ?? 100)
        .execute()

      const lastSeq = rows.length === 0 ? afterSeq : Number(rows[rows.length - 1]!.seq)
      return {
        data: rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>),
        next_cursor: encodeCursor(lastSeq),
      }
    },
  )
}
