import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { receiveStoreDelivery, StoreEventBody, translateCustomEvent } from '../../commerce/index.js'
import { ValidationError, type FieldProblem } from '../../runtime/index.js'
import type { ApiDeps } from '../api-deps.js'
import { COMMON_ERRORS, ProblemSchema, validatedInHandler } from '../schemas.js'
import {
  DeliveryReceiptSchema,
  receiveDepsOf,
  toReceiptResource,
} from '../store-event-resources.js'

const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/

/**
 * `POST /v1/events`: a store's own events, for stores on no supported platform and for what a
 * platform does not report (a WooCommerce cart). The same recording as the platform webhooks.
 */
export function storeEventRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post(
    '/v1/events',
    {
      validatorCompiler: validatedInHandler,
      schema: {
        summary: 'Tell Nudge about a checkout, an order or a shipment',
        description:
          'One event, chosen by `type`: `checkout.updated` (send every change of a cart that ' +
          'has a phone; consent given at checkout goes to the consent ledger), `order.placed` ' +
          '(once an order is paid) or `shipment.updated`. An event sent again (the same ' +
          '`Idempotency-Key`, or else the same type, id and time) answers `duplicate`; an ' +
          'order is recorded once and an older checkout or shipment state never replaces a ' +
          'newer one. Every invalid field is listed at once.',
        tags: ['store events'],
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: StoreEventBody,
        response: { 200: DeliveryReceiptSchema, 409: ProblemSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const { store } = request
      const key = request.headers['idempotency-key']
      const keyProblems: FieldProblem[] =
        key === undefined || (typeof key === 'string' && IDEMPOTENCY_KEY.test(key))
          ? []
          : [
              {
                field: 'Idempotency-Key',
                code: 'INVALID',
                message: 'must be 1-255 printable ASCII characters',
              },
            ]
      const { event, naturalKey } = withProblems(keyProblems, () =>
        translateCustomEvent(request.body, { store, nowMs: deps.clock.now() }),
      )

      const receipt = await receiveStoreDelivery(receiveDepsOf(deps), {
        store,
        platform: 'custom',
        topic: event.type,
        deliveryId: key === undefined ? `event:${naturalKey}` : `key:${key}`,
        bodySha256: createHash('sha256').update(JSON.stringify(request.body)).digest('hex'),
        isCallerKey: key !== undefined,
        translation: { kind: 'events', events: [event] },
      })

      request.log.info(
        { type: event.type, deliveryId: receipt.id, outcome: receipt.outcome },
        'store event received',
      )
      return toReceiptResource(receipt)
    },
  )
}

/** Runs `translate`, reporting `problems` with any it finds: every bad field at once. */
function withProblems<T>(problems: readonly FieldProblem[], translate: () => T): T {
  let result: T
  try {
    result = translate()
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError([...problems, ...err.problems])
    throw err
  }
  if (problems.length > 0) throw new ValidationError(problems)
  return result
}
