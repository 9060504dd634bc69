import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'

/**
 * Sends store platform webhooks the way Shopify and WooCommerce do: the fixture's exact bytes,
 * the platform's headers and its signature (base64 HMAC-SHA256 of the raw body with the
 * store's secret). The target is an API under test (`app.inject`) or the base URL of a
 * running Nudge on 127.0.0.1.
 */

export type WebhookTarget = FastifyInstance | string

/** Nudge's answer: a delivery receipt, or a problem document. */
export interface WebhookAnswer {
  readonly id?: string | null
  readonly outcome?: string
  readonly events?: readonly { type: string; id: string }[]
  readonly code?: string
  readonly detail?: string
  readonly errors?: readonly { field: string; code: string; message: string }[]
}

export interface SentWebhook {
  readonly statusCode: number
  readonly body: string
  json(): WebhookAnswer
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures')

/** A fixture's bytes, e.g. `readFixture('shopify', 'orders-create.json')`. */
export function readFixture(platform: 'shopify' | 'woocommerce', name: string): Buffer {
  return readFileSync(join(FIXTURES, platform, name))
}

/** Base64 HMAC-SHA256 of the body: Shopify's and WooCommerce's signature alike. */
export function platformSignature(body: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64')
}

export interface ShopifyDelivery {
  readonly storeId: string
  /** The store's `platform_secret`; the body is signed with it. */
  readonly secret: string
  /** `X-Shopify-Topic`, e.g. `orders/create`. */
  readonly topic: string
  readonly body: Buffer | string
  /** `X-Shopify-Webhook-Id`; a fresh one unless a retry is meant. */
  readonly webhookId?: string
  /** A signature to send instead of the right one; null sends none. */
  readonly signature?: string | null
}

export function sendShopifyWebhook(
  target: WebhookTarget,
  delivery: ShopifyDelivery,
): Promise<SentWebhook> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-shopify-topic': delivery.topic,
    'x-shopify-shop-domain': 'northwind-outfitters.myshopify.com',
    'x-shopify-api-version': '2025-07',
    'x-shopify-webhook-id': delivery.webhookId ?? randomUUID(),
    'x-shopify-event-id': randomUUID(),
    'x-shopify-triggered-at': new Date().toISOString(),
  }
  const signature = signatureFor(delivery)
  if (signature !== null) headers['x-shopify-hmac-sha256'] = signature
  return post(target, {
    url: `/v1/stores/${delivery.storeId}/shopify/webhooks`,
    headers,
    body: delivery.body,
  })
}

export interface WooDelivery {
  readonly storeId: string
  readonly secret: string
  /** `X-WC-Webhook-Topic`, e.g. `order.updated`. */
  readonly topic: string
  readonly body: Buffer | string
  /** `X-WC-Webhook-Delivery-ID`; a fresh one unless a repeat is meant. */
  readonly deliveryId?: string
  /** The webhook's numeric id in WooCommerce. */
  readonly webhookId?: number
  readonly signature?: string | null
}

export function sendWooWebhook(target: WebhookTarget, delivery: WooDelivery): Promise<SentWebhook> {
  const [resource = '', event = ''] = delivery.topic.split('.')
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
    'x-wc-webhook-source': 'https://atelier-lyon.example/',
    'x-wc-webhook-topic': delivery.topic,
    'x-wc-webhook-resource': resource,
    'x-wc-webhook-event': event,
    'x-wc-webhook-id': String(delivery.webhookId ?? 12),
    'x-wc-webhook-delivery-id': delivery.deliveryId ?? randomBytes(16).toString('hex'),
  }
  const signature = signatureFor(delivery)
  if (signature !== null) headers['x-wc-webhook-signature'] = signature
  return post(target, {
    url: `/v1/stores/${delivery.storeId}/woocommerce/webhooks`,
    headers,
    body: delivery.body,
  })
}

/**
 * The ping WooCommerce sends when a webhook is saved: `webhook_id=N` as a form body, with its
 * user agent and none of its webhook headers or a signature.
 */
export function sendWooPing(
  target: WebhookTarget,
  args: { readonly storeId: string; readonly webhookId?: number },
): Promise<SentWebhook> {
  return post(target, {
    url: `/v1/stores/${args.storeId}/woocommerce/webhooks`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
    },
    body: `webhook_id=${args.webhookId ?? 12}`,
  })
}

function signatureFor(delivery: {
  readonly body: Buffer | string
  readonly secret: string
  readonly signature?: string | null
}): string | null {
  return delivery.signature === undefined
    ? platformSignature(delivery.body, delivery.secret)
    : delivery.signature
}

async function post(
  target: WebhookTarget,
  request: { url: string; headers: Record<string, string>; body: Buffer | string },
): Promise<SentWebhook> {
  if (typeof target !== 'string') {
    const res = await target.inject({ method: 'POST', ...request, payload: request.body })
    return answer(res.statusCode, res.body)
  }
  const res = await fetch(new URL(request.url, target), {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  })
  return answer(res.status, await res.text())
}

function answer(statusCode: number, body: string): SentWebhook {
  return { statusCode, body, json: () => JSON.parse(body) as WebhookAnswer }
}
