import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import {
  hasValidSignature,
  isWooPing,
  receiveStoreDelivery,
  translateShopifyWebhook,
  translateWooWebhook,
  WebhookSignatureError,
  wooSigningKey,
  type Translation,
} from '../../commerce/index.js'
import { NotFoundError } from '../../runtime/index.js'
import type { Store } from '../../stores/index.js'
import type { ApiDeps } from '../api-deps.js'
import { ProblemSchema } from '../schemas.js'
import {
  DeliveryReceiptSchema,
  PING_RECEIPT,
  receiveDepsOf,
  toReceiptResource,
} from '../store-event-resources.js'

/** How one platform delivers webhooks: its headers, signing key and payloads. */
interface PlatformWebhooks {
  readonly platform: 'shopify' | 'woocommerce'
  readonly name: string
  readonly signatureHeader: string
  readonly topicHeader: string
  /** What identifies a delivery, so a repeated one is known. */
  deliveryIdOf(request: FastifyRequest, bodySha256: string): string
  signingKey(secret: string): string
  isPing(topic: string | undefined, body: Buffer): boolean
  translate(args: { store: Store; topic: string; body: Buffer }): Translation
}

const SHOPIFY: PlatformWebhooks = {
  platform: 'shopify',
  name: 'Shopify',
  signatureHeader: 'x-shopify-hmac-sha256',
  topicHeader: 'x-shopify-topic',
  // Shopify's retries of a delivery keep its webhook id.
  deliveryIdOf: (request, bodySha256) =>
    header(request, 'x-shopify-webhook-id') ?? `sha256:${bodySha256}`,
  signingKey: (secret) => secret,
  isPing: () => false,
  translate: translateShopifyWebhook,
}

const WOOCOMMERCE: PlatformWebhooks = {
  platform: 'woocommerce',
  name: 'WooCommerce',
  signatureHeader: 'x-wc-webhook-signature',
  topicHeader: 'x-wc-webhook-topic',
  // WooCommerce makes a delivery id from the webhook's id and the current second, so two
  // different events one webhook sends within a second share it; the body tells them apart.
  deliveryIdOf: (request, bodySha256) => {
    const id = header(request, 'x-wc-webhook-delivery-id') ?? header(request, 'x-wc-delivery-id')
    return `${id ?? 'none'}:${bodySha256}`
  },
  signingKey: wooSigningKey,
  isPing: (topic, body) => isWooPing({ topic, body }),
  translate: translateWooWebhook,
}

/**
 * `POST /v1/stores/{store}/shopify/webhooks` and `…/woocommerce/webhooks`: the addresses a
 * store's platform posts its webhooks to. They carry no API key; the body's HMAC made with the
 * store's platform secret proves where it came from, and is checked on the raw bytes before
 * anything reads them, so these routes take the body unparsed (up to the same 1 MiB).
 */
export async function storeWebhookRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    )
    for (const platform of [SHOPIFY, WOOCOMMERCE]) {
      scope.post(
        `/v1/stores/:store/${platform.platform}/webhooks`,
        {
          config: { signedByPlatform: true },
          schema: {
            summary: `Receive the store’s ${platform.name} webhooks`,
            description: describe(platform),
            tags: ['store events'],
            security: [],
            params: Type.Object({ store: Type.String({ description: 'The store id' }) }),
            response: {
              200: DeliveryReceiptSchema,
              401: ProblemSchema,
              404: ProblemSchema,
              422: ProblemSchema,
            },
          },
        },
        (request) => receiveWebhook(request, deps, platform),
      )
    }
  })
}

async function receiveWebhook(
  request: FastifyRequest,
  deps: ApiDeps,
  webhooks: PlatformWebhooks,
): Promise<Record<string, unknown>> {
  const { store: storeId } = request.params as { store: string }
  const store = await deps.registry.find(storeId)
  if (store === undefined || store.platform !== webhooks.platform) {
    throw new NotFoundError(`${webhooks.name} store`, storeId)
  }
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
  const topic = header(request, webhooks.topicHeader)
  if (webhooks.isPing(topic, body)) {
    request.log.info({ storeId, platform: webhooks.platform }, 'store webhook ping answered')
    return PING_RECEIPT
  }

  checkSignature(request, { store, body, webhooks })
  const bodySha256 = createHash('sha256').update(body).digest('hex')
  const translation = webhooks.translate({ store, topic: topic ?? '', body })
  const receipt = await receiveStoreDelivery(receiveDepsOf(deps), {
    store,
    platform: webhooks.platform,
    topic: topic ?? '',
    deliveryId: webhooks.deliveryIdOf(request, bodySha256),
    bodySha256,
    translation,
  })

  request.log.info(
    {
      storeId,
      platform: webhooks.platform,
      topic,
      deliveryId: receipt.id,
      outcome: receipt.outcome,
      ignored: translation.kind === 'ignored' ? translation.reason : undefined,
      events: receipt.events.map((e) => e.type),
    },
    'store webhook received',
  )
  return toReceiptResource(receipt)
}

function checkSignature(
  request: FastifyRequest,
  args: { store: Store; body: Buffer; webhooks: PlatformWebhooks },
): void {
  const { store, body, webhooks } = args
  if (store.platformSecret === null) {
    throw new WebhookSignatureError(
      `the store has no platform secret yet: set platform_secret to the secret ${webhooks.name} signs with`,
    )
  }
  const signature = header(request, webhooks.signatureHeader)
  const secret = webhooks.signingKey(store.platformSecret)
  if (!hasValidSignature({ body, signature, secret })) {
    request.log.info(
      { storeId: store.id, platform: webhooks.platform, hasSignature: signature !== undefined },
      'store webhook signature refused',
    )
    throw new WebhookSignatureError(
      signature === undefined
        ? `the ${webhooks.signatureHeader} header is missing`
        : `${webhooks.signatureHeader} is not the signature of this body with the store’s secret`,
    )
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  const text = Array.isArray(value) ? value[0] : value
  return text === undefined || text.trim() === '' ? undefined : text.trim()
}

function describe(webhooks: PlatformWebhooks): string {
  const common =
    `Signed with the store’s \`platform_secret\`: \`${webhooks.signatureHeader}\` is the ` +
    'base64 HMAC-SHA256 of the raw body. No API key. A bad or missing signature answers 401 ' +
    'and records nothing; a repeated delivery answers 200 with outcome `duplicate`.'
  return webhooks.platform === 'shopify'
    ? `${common} Topics: checkouts/create, checkouts/update, orders/create, orders/paid, ` +
        'fulfillments/create, fulfillments/update; others answer 200 `ignored`.'
    : `${common} Topics: order.created, order.updated (processing or completed: the order is ` +
        'placed; with a tracking number: shipped); the ping sent when a webhook is saved ' +
        'answers 200.'
}
