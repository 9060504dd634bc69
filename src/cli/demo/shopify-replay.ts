import { createHmac, randomUUID } from 'node:crypto'

export interface ShopifyAnswer {
  readonly status: number
  readonly body: { outcome?: string; events?: { type: string; id: string }[]; detail?: string }
}

/**
 * Posts a payload as Shopify does: the exact bytes signed with the store's platform secret
 * (base64 HMAC-SHA256 in `X-Shopify-Hmac-Sha256`), with the topic and a fresh webhook id.
 */
export async function postShopifyWebhook(args: {
  readonly apiUrl: string
  readonly storeId: string
  readonly secret: string
  readonly topic: string
  readonly body: string
}): Promise<ShopifyAnswer> {
  const res = await fetch(`${args.apiUrl}/v1/stores/${args.storeId}/shopify/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': args.topic,
      'x-shopify-shop-domain': 'northwind-outfitters.myshopify.com',
      'x-shopify-api-version': '2025-07',
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-hmac-sha256': createHmac('sha256', args.secret).update(args.body).digest('base64'),
    },
    body: args.body,
    signal: AbortSignal.timeout(10_000),
  })
  const text = await res.text()
  return {
    status: res.status,
    body: text === '' ? {} : (JSON.parse(text) as ShopifyAnswer['body']),
  }
}
