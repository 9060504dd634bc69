import type { FastifyInstance } from 'fastify'
import { Type, type Static } from 'typebox'
import { listDeliveries, retryDelivery, type WebhookDelivery } from '../../webhooks/index.js'
import type { ApiDeps } from '../api-deps.js'
import { COMMON_ERRORS, ProblemSchema } from '../schemas.js'

const DeliveriesQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

const DeliverySchema = Type.Object({
  id: Type.String(),
  event_id: Type.String(),
  url: Type.String(),
  state: Type.String(),
  attempts: Type.Integer(),
  next_attempt_at: Type.Union([Type.String(), Type.Null()]),
  expires_at: Type.String(),
  last_status_code: Type.Union([Type.Integer(), Type.Null()]),
  last_error: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  delivered_at: Type.Union([Type.String(), Type.Null()]),
})

export function webhookDeliveryRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/v1/webhook-deliveries',
    {
      schema: {
        summary: 'List webhook deliveries; state=failed lists the dead letters',
        tags: ['webhooks'],
        querystring: DeliveriesQuery,
        response: {
          200: Type.Object({
            data: Type.Array(DeliverySchema),
            next_cursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...COMMON_ERRORS,
        },
      },
    },
    async (request) => {
      const query = request.query as Static<typeof DeliveriesQuery>
      const page = await listDeliveries(deps.db, {
        storeId: request.store.id,
        state: query.state,
        limit: query.limit ?? 50,
        cursor: query.cursor,
      })
      return { data: page.deliveries.map(toResource), next_cursor: page.nextCursor }
    },
  )

  app.post(
    '/v1/webhook-deliveries/:id/retry',
    {
      schema: {
        summary: 'Send a failed delivery again now, with a fresh retry window',
        tags: ['webhooks'],
        params: Type.Object({ id: Type.String() }),
        response: { 200: DeliverySchema, 404: ProblemSchema, 409: ProblemSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      const nowMs = deps.clock.now()
      const delivery = await retryDelivery(deps.db, {
        storeId: request.store.id,
        deliveryId: id,
        nowMs,
        expiresAtMs: nowMs + deps.webhookLifetimeMs,
      })
      deps.onWebhooksQueued()
      request.log.info({ deliveryId: id }, 'webhook retry requested')
      return toResource(delivery)
    },
  )
}

function toResource(d: WebhookDelivery): Static<typeof DeliverySchema> {
  const iso = (ms: number | null): string | null =>
    ms === null ? null : new Date(ms).toISOString()
  return {
    id: d.id,
    event_id: d.eventId,
    url: d.url,
    state: d.state,
    attempts: d.attempts,
    next_attempt_at: d.state === 'pending' ? iso(d.nextAttemptAtMs) : null,
    expires_at: new Date(d.expiresAtMs).toISOString(),
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    created_at: new Date(d.createdAtMs).toISOString(),
    delivered_at: iso(d.deliveredAtMs),
  }
}
