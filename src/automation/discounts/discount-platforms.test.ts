import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { MockStorePlatform, shopifyAnswers } from '../../../test/support/mock-store-platform.js'
import { DEFAULT_COMPLIANCE_SETTINGS, type Store } from '../../stores/index.js'
import { DiscountPlatforms } from './discount-platforms.js'
import type { DiscountPlatform } from './discount-platform.js'
import { DiscountCreationError } from './errors.js'

const STARTS_MS = Date.parse('2026-11-28T15:30:00Z')
const EXPIRES_MS = Date.parse('2026-12-05T15:30:00Z')

function store(platform: Store['platform']): Store {
  return {
    id: 'st_1',
    name: 'Northwind',
    webhookUrl: null,
    webhookSecret: 'whsec_x',
    defaultCountry: 'US',
    defaultSender: null,
    compliance: DEFAULT_COMPLIANCE_SETTINGS,
    platform,
    platformSecret: null,
    publicBaseUrl: null,
    timeZone: null,
    createdAt: 0,
    updatedAt: 0,
  }
}

describe('discount platforms', () => {
  const mock = new MockStorePlatform()
  const platforms = new DiscountPlatforms({ timeoutMs: 300 })
  let baseUrl = ''

  before(async () => {
    baseUrl = await mock.start()
  })
  after(async () => {
    await platforms.close()
    await mock.close()
  })
  beforeEach(() => {
    mock.requests.length = 0
  })

  const woo = (): DiscountPlatform => {
    const platform = platforms.platformFor(store('woocommerce'), {
      apiUrl: `${baseUrl}/`,
      credentials: { kind: 'api_key', consumerKey: 'ck_abc', consumerSecret: 'cs_def' },
      prefix: 'NUDGE-',
    })
    assert.ok(!(platform instanceof DiscountCreationError))
    return platform
  }

  test('WooCommerce gets one single-use coupon with Basic credentials and a GMT expiry', async () => {
    mock.answer = (request) => ({ status: 201, body: { id: 719, ...(request.body as object) } })

    await woo().create({
      code: 'NUDGE-7KQ3XM2P',
      value: { type: 'fixed', amountMicros: 5_000_000 },
      startsAtMs: STARTS_MS,
      expiresAtMs: EXPIRES_MS,
    })

    assert.deepEqual(
      mock.requests.map((r) => [r.method, r.path, r.headers.authorization, r.body]),
      [
        [
          'POST',
          '/wp-json/wc/v3/coupons',
          `Basic ${Buffer.from('ck_abc:cs_def').toString('base64')}`,
          {
            code: 'NUDGE-7KQ3XM2P',
            discount_type: 'fixed_cart',
            amount: '5.00',
            individual_use: true,
            usage_limit: 1,
            date_expires_gmt: '2026-12-05T15:30:00',
          },
        ],
      ],
    )
  })

  test('WooCommerce answering that the code exists counts as created', async () => {
    mock.answer = () => ({
      status: 400,
      body: {
        code: 'woocommerce_rest_coupon_code_already_exists',
        message: 'The coupon code already exists',
        data: { status: 400 },
      },
    })
    await woo().create({
      code: 'NUDGE-7KQ3XM2P',
      value: { type: 'percent', percent: 15 },
      startsAtMs: STARTS_MS,
      expiresAtMs: EXPIRES_MS,
    })
    assert.equal((mock.requests[0]!.body as { amount: string }).amount, '15')
  })

  test('Shopify takes a fixed amount as a negative decimal off the whole order', async () => {
    mock.answer = shopifyAnswers()
    const platform = platforms.platformFor(store('shopify'), {
      apiUrl: baseUrl,
      credentials: { kind: 'access_token', accessToken: 'shpat_x' },
      prefix: 'NUDGE-',
    })
    assert.ok(!(platform instanceof DiscountCreationError))
    await platform.create({
      code: 'NUDGE-7KQ3XM2P',
      value: { type: 'fixed', amountMicros: 12_500_000 },
      startsAtMs: STARTS_MS,
      expiresAtMs: EXPIRES_MS,
    })
    const rule = (mock.requests[0]!.body as { price_rule: Record<string, unknown> }).price_rule
    assert.deepEqual([rule['value_type'], rule['value']], ['fixed_amount', '-12.50'])
  })

  test('no answer within the timeout is a retryable failure', async () => {
    mock.answer = async () => {
      await sleep(1000)
      return { status: 201, body: {} }
    }
    await assert.rejects(
      woo().create({
        code: 'NUDGE-7KQ3XM2P',
        value: { type: 'percent', percent: 10 },
        startsAtMs: STARTS_MS,
        expiresAtMs: EXPIRES_MS,
      }),
      (err: unknown) =>
        err instanceof DiscountCreationError &&
        err.code === 'DISCOUNT_TIMED_OUT' &&
        err.retryable &&
        err.message === 'no answer within 300 ms',
    )
  })

  test('a store that is not on Shopify or WooCommerce, or lacks credentials, has no platform', () => {
    const settings = { apiUrl: baseUrl, credentials: null, prefix: 'NUDGE-' }
    const custom = platforms.platformFor(store('custom'), settings)
    const shopify = platforms.platformFor(store('shopify'), settings)
    assert.ok(custom instanceof DiscountCreationError && shopify instanceof DiscountCreationError)
    assert.deepEqual(
      [custom.code, custom.retryable, shopify.message],
      ['DISCOUNT_NOT_CONFIGURED', false, 'the store has no Shopify token'],
    )
  })
})
