import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFixture } from '../../../test/support/store-webhooks.js'
import { WebhookPayloadError } from '../errors.js'
import type { StoreEvent } from '../store-event.js'
import { translateShopifyWebhook } from './shopify-webhook.js'

const store = { id: 'st_test', defaultCountry: null }

function translate(topic: string, body: Buffer | string): StoreEvent[] {
  const translation = translateShopifyWebhook({ store, topic, body: Buffer.from(body) })
  assert.equal(translation.kind, 'events')
  return translation.kind === 'events' ? [...translation.events] : []
}

function problemsOf(topic: string, payload: object): string[] {
  try {
    translate(topic, JSON.stringify(payload))
  } catch (err) {
    assert.ok(err instanceof WebhookPayloadError)
    return err.problems.map((p) => `${p.field} ${p.code}`)
  }
  assert.fail('the payload was accepted')
}

const checkout = JSON.parse(readFixture('shopify', 'checkouts-create.json').toString()) as Record<
  string,
  unknown
>

// Expected values are read off the fixtures in test/fixtures/shopify, which follow Shopify's
// REST payloads (abandoned checkout, order, fulfillment).
describe('Shopify webhook translation', () => {
  it('reads a checkout with its phone in E.164, amounts in micros, consent and items', () => {
    const [event] = translate('checkouts/create', readFixture('shopify', 'checkouts-create.json'))

    assert.deepEqual(event, {
      type: 'checkout.updated',
      storeId: 'st_test',
      platform: 'shopify',
      checkoutId: 'b7c1e0a4d2f94c6e8a1b3c5d7e9f0a12',
      phone: '+12025550143',
      consent: {
        marketing: true,
        wording: null,
        pageUrl: null,
        ip: null,
        userAgent: null,
        collectedAtMs: Date.parse('2026-11-27T20:15:58-05:00'),
      },
      customer: { firstName: 'Mara', lastName: 'Quill', email: 'mara.quill@example.com' },
      items: [
        {
          title: 'Alpine Wool Beanie',
          variantTitle: 'Charcoal',
          quantity: 2,
          priceMicros: 24_000_000,
          productUrl: null,
          imageUrl: null,
        },
        {
          title: 'Trail Socks — 3 pack',
          variantTitle: 'M',
          quantity: 1,
          priceMicros: 16_000_000,
          productUrl: null,
          imageUrl: null,
        },
      ],
      totalMicros: 69_120_000,
      currency: 'USD',
      recoveryUrl:
        'https://northwind-outfitters.myshopify.com/71234567/checkouts/ac/b7c1e0a4d2f94c6e8a1b3c5d7e9f0a12/recover?key=6f2a9c1e44b0d7a3',
      shippingAddress: { countryCode: 'US', provinceCode: 'DC', zip: '20001' },
      completedAtMs: null,
      updatedAtMs: Date.parse('2026-11-27T20:16:41-05:00'),
    })
  })

  it('reads a national number on the shipping address in the shipping country', () => {
    const [event] = translate(
      'checkouts/create',
      readFixture('shopify', 'checkouts-create-without-consent.json'),
    )

    assert.equal(event?.type, 'checkout.updated')
    if (event?.type !== 'checkout.updated') return
    assert.equal(event.phone, '+14165550175')
    assert.equal(event.consent, null)
    assert.deepEqual(event.customer, {
      firstName: 'Theo',
      lastName: 'Marsh',
      email: 'theo.marsh@example.net',
    })
    assert.equal(event.totalMicros, 43_510_000)
    assert.equal(event.currency, 'CAD')
    assert.deepEqual(event.shippingAddress, {
      countryCode: 'CA',
      provinceCode: 'ON',
      zip: 'M5V 2T6',
    })
  })

  it('takes an unsubscribed state as a refusal only with the time it was set', () => {
    const customer = checkout['customer'] as Record<string, unknown>
    const unsubscribed = (consentUpdatedAt: string | null) =>
      translate(
        'checkouts/update',
        JSON.stringify({
          ...checkout,
          buyer_accepts_sms_marketing: false,
          customer: {
            ...customer,
            sms_marketing_consent: {
              state: 'unsubscribed',
              opt_in_level: 'single_opt_in',
              consent_updated_at: consentUpdatedAt,
              consent_collected_from: 'OTHER',
            },
          },
        }),
      )[0]

    const timed = unsubscribed('2026-11-27T20:16:00-05:00')
    const untimed = unsubscribed(null)

    assert.equal(timed?.type === 'checkout.updated' && timed.consent?.marketing, false)
    assert.equal(
      timed?.type === 'checkout.updated' && timed.consent?.collectedAtMs,
      Date.parse('2026-11-27T20:16:00-05:00'),
    )
    assert.equal(untimed?.type === 'checkout.updated' && untimed.consent, null)
  })

  it('leaves out consent when the number it was given for cannot be texted', () => {
    const [event] = translate(
      'checkouts/update',
      JSON.stringify({ ...checkout, sms_marketing_phone: '+1 415 555 0199x' }),
    )

    assert.equal(event?.type === 'checkout.updated' && event.phone, '+12025550143')
    assert.equal(event?.type === 'checkout.updated' && event.consent, null)
  })

  it('reads an order, keeping its 64-bit id exact', () => {
    const [event] = translate('orders/create', readFixture('shopify', 'orders-create.json'))

    assert.deepEqual(event, {
      type: 'order.placed',
      storeId: 'st_test',
      platform: 'shopify',
      orderId: '820982911946154508',
      orderName: '#1042',
      checkoutId: 'b7c1e0a4d2f94c6e8a1b3c5d7e9f0a12',
      phone: '+12025550143',
      customer: { firstName: 'Mara', lastName: 'Quill', email: 'mara.quill@example.com' },
      items: [
        {
          title: 'Alpine Wool Beanie',
          variantTitle: null,
          quantity: 2,
          priceMicros: 24_000_000,
          productUrl: null,
          imageUrl: null,
        },
        {
          title: 'Trail Socks — 3 pack',
          variantTitle: null,
          quantity: 1,
          priceMicros: 16_000_000,
          productUrl: null,
          imageUrl: null,
        },
      ],
      totalMicros: 62_210_000,
      currency: 'USD',
      discountCodes: ['NW-BACK-7KQ2ZD'],
      discountMicros: 6_400_000,
      shippingAddress: { countryCode: 'US', provinceCode: 'DC', zip: null },
      placedAtMs: Date.parse('2026-11-28T09:41:17-05:00'),
    })
  })

  it('reads a fulfillment, preferring the carrier’s shipment status', () => {
    const [created] = translate(
      'fulfillments/create',
      readFixture('shopify', 'fulfillments-create.json'),
    )
    const [updated] = translate(
      'fulfillments/update',
      readFixture('shopify', 'fulfillments-update.json'),
    )

    assert.deepEqual(created, {
      type: 'shipment.updated',
      storeId: 'st_test',
      platform: 'shopify',
      shipmentId: '4815162342108',
      orderId: '820982911946154508',
      orderName: null,
      phone: null,
      customer: null,
      trackingNumber: '1Z999AA10123456784',
      trackingUrl: 'https://tracking.example.net/track?num=1Z999AA10123456784',
      trackingCompany: 'UPS',
      status: 'in_transit',
      updatedAtMs: Date.parse('2026-11-29T14:02:55-05:00'),
    })
    assert.equal(updated?.type === 'shipment.updated' && updated.status, 'delivered')
  })

  it('acknowledges topics it does not use without reading the body', () => {
    const translation = translateShopifyWebhook({
      store,
      topic: 'products/update',
      body: Buffer.from('not json'),
    })

    assert.deepEqual(translation, { kind: 'ignored', reason: 'TOPIC_NOT_USED' })
  })

  it('names what a malformed payload lacks or has wrong', () => {
    const withoutToken = { ...checkout }
    delete withoutToken['token']

    assert.deepEqual(problemsOf('checkouts/create', withoutToken), ['/token REQUIRED'])
    assert.deepEqual(
      problemsOf('checkouts/update', {
        ...checkout,
        total_price: '69,12',
        currency: 'dollars',
        updated_at: 'yesterday',
        line_items: [{ title: 'Beanie', quantity: 1, price: '-4' }],
      }).sort(),
      [
        '/currency CURRENCY_INVALID',
        '/line_items/0/price AMOUNT_INVALID',
        '/total_price AMOUNT_INVALID',
        '/updated_at DATE_INVALID',
      ],
    )
    assert.deepEqual(problemsOf('fulfillments/create', { id: 1 }).sort(), [
      '/order_id REQUIRED',
      '/updated_at REQUIRED',
    ])
    assert.throws(
      () => translate('orders/paid', '{"id": '),
      (err: unknown) =>
        err instanceof WebhookPayloadError && err.problems[0]?.code === 'JSON_INVALID',
    )
  })
})
