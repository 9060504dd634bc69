import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type, type Static } from 'typebox'
import {
  sampleCheckoutEvent,
  sampleOrderEvent,
  SampleUnavailableError,
  shopifySampleCheckout,
  shopifySampleOrder,
  type SampleIds,
} from '../../commerce/index.js'
import { parseRecipient } from '../../messaging/index.js'
import { NotFoundError, schemaProblems, ValidationError } from '../../runtime/index.js'
import type { Store } from '../../stores/index.js'
import type { ApiDeps } from '../api-deps.js'
import { COMMON_ERRORS, ProblemSchema, validatedInHandler } from '../schemas.js'

/** A number in the range the SMSC simulator delivers to, in Washington, DC. */
const SAMPLE_PHONE = '+12025550143'
const KINDS = ['checkout', 'order'] as const
type SampleKind = (typeof KINDS)[number]

/** Optional: a bare POST sends the sample to the default number. */
const SampleBody = Type.Object(
  {
    phone: Type.Optional(
      Type.String({ maxLength: 32, description: `The sample customer; default ${SAMPLE_PHONE}` }),
    ),
  },
  { additionalProperties: false },
)

const SampleResultSchema = Type.Object({
  topic: Type.String({ description: 'The platform topic or event type sent' }),
  status_code: Type.Integer({ description: 'What the store’s own event route answered' }),
  answer: Type.Unknown({ description: 'Its answer: the delivery receipt, or a problem' }),
})

/** A request to the store's own event route, as its platform or its server would send it. */
interface OutgoingSample {
  readonly topic: string
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: string
}

/**
 * `POST /v1/store/samples/checkout` and `…/order`: a sample event sent through the store's
 * real pipeline. For Shopify it is a webhook signed with the store's platform secret and
 * posted to its webhook route; otherwise an event posted to `/v1/events` with the caller's
 * own credentials. Signature, dedupe, consent, flows and attribution all run as for real.
 */
export function storeSampleRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post(
    '/v1/store/samples/:kind',
    {
      validatorCompiler: validatedInHandler,
      schema: {
        summary: 'Send a sample checkout, or the order that completes it, through the pipeline',
        description:
          'The checkout has the sample customer’s consent to marketing texts, so the ' +
          'abandoned-checkout flow starts for it; the order names the latest checkout from the ' +
          'same number, so it stops the flow and counts as recovered revenue. Answers 202 with ' +
          'what the store’s event route answered.',
        tags: ['store events'],
        params: Type.Object({ kind: Type.String({ description: '`checkout` or `order`' }) }),
        body: SampleBody,
        response: { 202: SampleResultSchema, 409: ProblemSchema, ...COMMON_ERRORS },
      },
    },
    async (request, reply) => {
      const { kind } = request.params as { kind: string }
      if (!KINDS.includes(kind as SampleKind)) throw new NotFoundError('sample', kind)
      const body = (request.body ?? {}) as Static<typeof SampleBody>
      const problems = schemaProblems(SampleBody, body)
      if (problems.length > 0) throw new ValidationError(problems)
      const store = await deps.registry.get(request.store.id)
      const phone = samplePhone(body, store)

      const ids: SampleIds = {
        checkoutToken:
          kind === 'checkout'
            ? randomBytes(16).toString('hex')
            : await latestCheckout(deps, store.id, phone),
        numericId: String(randomInt(10_000_000_000_000, 99_999_999_999_999)),
        phone,
        nowMs: deps.clock.now(),
      }
      const outgoing = sampleRequest(kind as SampleKind, store, ids, request)
      const answer = await app.inject({
        method: 'POST',
        url: outgoing.url,
        headers: outgoing.headers,
        payload: outgoing.body,
      })
      request.log.info(
        { topic: outgoing.topic, statusCode: answer.statusCode },
        'sample store event sent',
      )
      return reply.code(202).send({
        topic: outgoing.topic,
        status_code: answer.statusCode,
        answer: answer.body === '' ? null : (JSON.parse(answer.body) as unknown),
      })
    },
  )
}

function samplePhone(body: Static<typeof SampleBody>, store: Store): string {
  const given = body.phone?.trim()
  if (given === undefined || given === '') return SAMPLE_PHONE
  const parsed = parseRecipient(given, store.defaultCountry ?? undefined)
  if (!parsed.ok) {
    throw new ValidationError([{ field: '/phone', code: parsed.code, message: parsed.message }])
  }
  return parsed.e164
}

async function latestCheckout(deps: ApiDeps, storeId: string, phone: string): Promise<string> {
  const row = await deps.db
    .selectFrom('checkouts')
    .select('checkout_id')
    .where('store_id', '=', storeId)
    .where('phone', '=', phone)
    .orderBy('changed_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (row === undefined) {
    throw new SampleUnavailableError(
      'no checkout from this number yet: send a sample checkout for it first',
    )
  }
  return row.checkout_id
}

function sampleRequest(
  kind: SampleKind,
  store: Store,
  ids: SampleIds,
  request: FastifyRequest,
): OutgoingSample {
  if (store.platform === 'shopify') {
    if (store.platformSecret === null) {
      throw new SampleUnavailableError(
        'the store has no platform secret to sign Shopify webhooks with: set platform_secret',
      )
    }
    const topic = kind === 'checkout' ? 'checkouts/create' : 'orders/create'
    const body =
      kind === 'checkout'
        ? shopifySampleCheckout(ids)
        : shopifySampleOrder({ ...ids, orderToken: randomBytes(16).toString('hex') })
    return {
      topic,
      url: `/v1/stores/${store.id}/shopify/webhooks`,
      body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-webhook-id': randomUUID(),
        'x-shopify-hmac-sha256': createHmac('sha256', store.platformSecret)
          .update(body)
          .digest('base64'),
      },
    }
  }

  // WooCommerce reports no abandoned carts; its store's server posts them to the event API,
  // so the sample takes that path, with the caller's own credentials.
  const storeUrl = store.publicBaseUrl ?? `${request.protocol}://${request.host}`
  const event = kind === 'checkout' ? sampleCheckoutEvent(ids, { storeUrl }) : sampleOrderEvent(ids)
  return {
    topic: event.type,
    url: '/v1/events',
    body: JSON.stringify(event),
    headers: { 'content-type': 'application/json', ...credentialsOf(request) },
  }
}

/** The headers that authenticated this request, so the inner request is the caller's too. */
function credentialsOf(request: FastifyRequest): Record<string, string> {
  const forwarded: Record<string, string> = {}
  for (const name of ['authorization', 'cookie', 'x-csrf-token', 'origin', 'host']) {
    const value = request.headers[name]
    if (typeof value === 'string') forwarded[name] = value
  }
  return forwarded
}
