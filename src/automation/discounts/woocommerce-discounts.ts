import type { Dispatcher } from 'undici'
import { decimalAmount } from './decimal-amount.js'
import type { DiscountPlatform, NewDiscount } from './discount-platform.js'
import { postJson, rejected } from './post-json.js'

export interface WooCommerceDiscountsOptions {
  /** The site's base URL, e.g. `https://shop.example`. */
  readonly apiUrl: string
  /** A REST API key with write access: its consumer key and secret. */
  readonly consumerKey: string
  readonly consumerSecret: string
  readonly dispatcher: Dispatcher
  /** Longest one request may take, connecting included, in ms. */
  readonly timeoutMs: number
}

/**
 * Creates single-use coupons through the WooCommerce REST API (`wc/v3`), authenticated with
 * the key's consumer key and secret as HTTP Basic credentials.
 *
 * Limitation: WooCommerce takes Basic credentials over HTTPS only; a site reached over plain
 * HTTP answers 401, as it expects OAuth 1.0a signatures there, which Nudge does not make.
 */
export class WooCommerceDiscounts implements DiscountPlatform {
  readonly #options: WooCommerceDiscountsOptions

  constructor(options: WooCommerceDiscountsOptions) {
    this.#options = options
  }

  async create(discount: NewDiscount): Promise<void> {
    const { value } = discount
    const { consumerKey, consumerSecret } = this.#options
    const base = this.#options.apiUrl.replace(/\/+$/, '')
    const answer = await postJson({
      dispatcher: this.#options.dispatcher,
      url: new URL(`${base}/wp-json/wc/v3/coupons`),
      headers: {
        authorization: `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}`,
      },
      body: {
        code: discount.code,
        discount_type: value.type === 'percent' ? 'percent' : 'fixed_cart',
        amount:
          value.type === 'percent' ? String(value.percent) : decimalAmount(value.amountMicros),
        individual_use: true,
        usage_limit: 1,
        // GMT without a zone suffix, as WooCommerce writes and reads its `_gmt` dates.
        date_expires_gmt: new Date(discount.expiresAtMs).toISOString().slice(0, 19),
      },
      timeoutMs: this.#options.timeoutMs,
    })
    if (answer.statusCode === 201 || answer.statusCode === 200) return
    if (answer.statusCode === 400 && isDuplicateCode(answer.body)) return
    throw rejected('creating the coupon', answer.statusCode)
  }
}

/** WooCommerce refuses a code that exists already with this error code. */
function isDuplicateCode(body: unknown): boolean {
  const code = (body as { code?: unknown } | undefined)?.code
  return code === 'woocommerce_rest_coupon_code_already_exists'
}
