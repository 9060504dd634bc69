import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { deliveryArrivals } from '../../commerce/index.js'
import { storeEndpoints } from '../../stores/index.js'
import type { ApiDeps } from '../api-deps.js'
import { COMMON_ERRORS } from '../schemas.js'

const DAY_MS = 86_400_000

const ConnectionSchema = Type.Object({
  platform: Type.String(),
  webhook_urls: Type.Array(Type.Object({ topic: Type.String(), url: Type.String() }), {
    description: 'Each topic the store should send, and the address it goes to',
  }),
  last_webhook: Type.Union([
    Type.Object({
      at: Type.String({ format: 'date-time' }),
      topic: Type.String(),
      source: Type.String({ description: '`shopify`, `woocommerce` or `custom` (event API)' }),
    }),
    Type.Null(),
  ]),
  webhooks_received_24h: Type.Integer(),
})

/** `GET /v1/store/connection`: where the store's events go, and whether any came. */
export function storeConnectionRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/v1/store/connection',
    {
      schema: {
        summary: 'Where the store’s platform sends its events, and the last that arrived',
        description:
          'The addresses are built on the address this request reached Nudge at, so they are ' +
          'right as seen from where the request came; behind a proxy, pass its `Host` on.',
        tags: ['store events'],
        response: { 200: ConnectionSchema, 401: COMMON_ERRORS[401] },
      },
    },
    async (request) => {
      const store = await deps.registry.get(request.store.id)
      const arrivals = await deliveryArrivals(deps.db, {
        storeId: store.id,
        sinceMs: deps.clock.now() - DAY_MS,
      })
      return {
        platform: store.platform,
        webhook_urls: storeEndpoints(store, `${request.protocol}://${request.host}`),
        last_webhook:
          arrivals.last === null
            ? null
            : {
                at: new Date(arrivals.last.receivedAtMs).toISOString(),
                topic: arrivals.last.topic,
                source: arrivals.last.platform,
              },
        webhooks_received_24h: arrivals.countSince,
      }
    },
  )
}
