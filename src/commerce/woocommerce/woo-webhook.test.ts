import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFixture } from '../../../test/support/store-webhooks.js'
import { WebhookPayloadError } from '../errors.js'
import { isWooPing, translateWooWebhook } from './woo-webhook.js'

const store = { id: 'st_test', defaultCountry: 'US' }
const order = JSON.parse(readFixture('woocommerce', 'order-created.json').toString()) as Record<
  string,
  unknown
>

function translate(topic: string, body: Buffer | string | object) {
  const bytes = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
  return translateWooWebhook({ store, topic, body: bytes })
}

// Expected values are read off test/fixtures/woocommerce, which follow the REST API v3 order
// that WooCommerce sends as the webhook body.
describe('WooCommerce webhook translation', () => {
  it('reads a paid order: phone in the billing country, unit prices in micros', () => {
    const translation = translate('order.created', readFixture('woocommerce', 'order-created.json'))

    assert.deepEqual(translation, {
      kind: 'events',
      events: [
        {
          type: 'order.placed',
          storeId: 'st_test',
          platform: 'woocommerce',
          orderId: '5127',
          orderName: '#5127',
          checkoutId: null,
          phone: '+33612345678',
          customer: { firstName: 'Léa', lastName: 'Fontaine', email: 'lea.fontaine@example.com' },
          items: [
            {
              title: 'Tasse en grès — bleu nuit',
              variantTitle: null,
              quantity: 2,
              priceMicros: 15_955_000,
              productUrl: null,
              imageUrl: null,
            },
          ],
          totalMicros: 43_800_000,
          currency: 'EUR',
          discountCodes: [],
          discountMicros: 0,
          shippingAddress: { countryCode: 'FR', provinceCode: null, zip: '69002' },
          placedAtMs: Date.parse('2026-11-30T17:22:09Z'),
        },
      ],
    })
  })

  it('says nothing about an order still waiting for payment', () => {
    const translation = translate(
      'order.created',
      readFixture('woocommerce', 'order-created-pending.json'),
    )

    assert.deepEqual(translation, { kind: 'ignored', reason: 'ORDER_NOT_PAID' })
  })

  it('reads a shipment from the Shipment Tracking plugin’s order meta', () => {
    const translation = translate(
      'order.updated',
      readFixture('woocommerce', 'order-updated-tracking.json'),
    )

    assert.equal(translation.kind, 'events')
    if (translation.kind !== 'events') return
    assert.deepEqual(
      translation.events.map((e) => e.type),
      ['order.placed', 'shipment.updated'],
    )
    assert.deepEqual(translation.events[1], {
      type: 'shipment.updated',
      storeId: 'st_test',
      platform: 'woocommerce',
      shipmentId: '5127',
      orderId: '5127',
      orderName: '#5127',
      phone: '+33612345678',
      customer: { firstName: 'Léa', lastName: 'Fontaine', email: 'lea.fontaine@example.com' },
      trackingNumber: '6A12345678901',
      trackingUrl: 'https://tracking.example.org/colis/6A12345678901',
      trackingCompany: 'Colissimo',
      status: null,
      updatedAtMs: Date.parse('2026-12-01T09:05:42Z'),
    })
  })

  it('reads the newest tracking item, a list sent as text, and single tracking keys', () => {
    const shipped = (meta: unknown[]) => {
      const translation = translate('order.updated', {
        ...order,
        status: 'on-hold',
        meta_data: meta,
      })
      return translation.kind === 'events' ? translation.events[0] : undefined
    }
    const items = [
      { tracking_provider: 'ups', tracking_number: '1Z1' },
      { tracking_provider: 'usps', custom_tracking_provider: '', tracking_number: '9400' },
    ]

    const fromList = shipped([{ key: '_wc_shipment_tracking_items', value: items }])
    const fromText = shipped([{ key: '_wc_shipment_tracking_items', value: JSON.stringify(items) }])
    const fromKeys = shipped([
      { key: '_tracking_number', value: 'LX123' },
      { key: '_tracking_provider', value: 'La Poste' },
    ])
    const none = translate('order.updated', {
      ...order,
      status: 'on-hold',
      meta_data: [{ key: '_wc_shipment_tracking_items', value: 'a:0:{}' }],
    })

    for (const event of [fromList, fromText]) {
      assert.equal(event?.type === 'shipment.updated' && event.trackingNumber, '9400')
      assert.equal(event?.type === 'shipment.updated' && event.trackingCompany, 'usps')
      assert.equal(event?.type === 'shipment.updated' && event.trackingUrl, null)
    }
    assert.equal(fromKeys?.type === 'shipment.updated' && fromKeys.trackingCompany, 'La Poste')
    assert.deepEqual(none, { kind: 'ignored', reason: 'ORDER_NOT_PAID' })
  })

  it('acknowledges topics it does not use', () => {
    assert.deepEqual(translate('product.updated', 'anything'), {
      kind: 'ignored',
      reason: 'TOPIC_NOT_USED',
    })
    assert.deepEqual(translate('order.deleted', '{"id": 5127}'), {
      kind: 'ignored',
      reason: 'TOPIC_NOT_USED',
    })
  })

  it('names what a malformed order lacks or has wrong', () => {
    const bad = { ...order, total: 'forty', date_paid_gmt: '30/11/2026' }
    delete (bad as Record<string, unknown>)['date_created_gmt']

    assert.throws(
      () => translate('order.updated', bad),
      (err: unknown) =>
        err instanceof WebhookPayloadError &&
        JSON.stringify(err.problems.map((p) => `${p.field} ${p.code}`).sort()) ===
          JSON.stringify([
            '/date_created_gmt REQUIRED',
            '/date_paid_gmt DATE_INVALID',
            '/total AMOUNT_INVALID',
          ]),
    )
  })
})

describe('isWooPing', () => {
  it('knows the ping by its form body and the missing webhook headers', () => {
    const ping = Buffer.from(readFixture('woocommerce', 'ping.txt'))

    assert.equal(isWooPing({ topic: undefined, body: ping }), true)
    assert.equal(isWooPing({ topic: 'order.updated', body: ping }), false)
    assert.equal(isWooPing({ topic: undefined, body: Buffer.from('{"id":1}') }), false)
  })
})
