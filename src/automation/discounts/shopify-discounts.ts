import type { Dispatcher } from 'undici'
import { decimalAmount } from './decimal-amount.js'
import type { DiscountPlatform, NewDiscount } from './discount-platform.js'
import { postJson, rejected } from './post-json.js'

/** The Admin REST API version the requests are written for. */
export const SHOPIFY_API_VERSION = '2024-10'

export interface ShopifyDiscountsOptions {
  /** The shop's base URL, e.g. `https://northwind.myshopify.com`. */
  readonly apiUrl: string
  /** An Admin API access token with the `write_price_rules` scope. */
  readonly accessToken: string
  readonly dispatcher: Dispatcher
  /** Longest one request may take, connecting included, in ms. */
  readonly timeoutMs: number
}

/**
 * Creates single-use codes through Shopify's Admin REST API: a price rule carrying the value,
 * expiry and one use in total, then the code on it. The rule's title is the code, as Shopify
 * recommends, so the admin lists it by the code the customer got.
 *
 * Limitation: when an earlier attempt created the code but its outcome was lost, the retry
 * makes one more price rule before Shopify refuses the duplicate code; that rule has no code
 * and is never usable.
 */
export class ShopifyDiscounts implements DiscountPlatform {
  readonly #options: ShopifyDiscountsOptions

  constructor(options: ShopifyDiscountsOptions) {
    this.#options = options
  }

  async create(discount: NewDiscount): Promise<void> {
    const priceRuleId = await this.#createPriceRule(discount)

    const answer = await this.#post(`price_rules/${priceRuleId}/discount_codes.json`, {
      discount_code: { code: discount.code },
    })
    if (answer.statusCode === 201 || answer.statusCode === 200) return
    if (answer.statusCode === 422 && isDuplicateCode(answer.body)) return
    throw rejected('creating the discount code', answer.statusCode)
  }

  async #createPriceRule(discount: NewDiscount): Promise<string> {
    const { value } = discount
    const answer = await this.#post('price_rules.json', {
      price_rule: {
        title: discount.code,
        value_type: value.type === 'percent' ? 'percentage' : 'fixed_amount',
        // Shopify takes the value as a negative decimal: what comes off.
        value:
          value.type === 'percent'
            ? `-${value.percent.toFixed(1)}`
            : `-${decimalAmount(value.amountMicros)}`,
        customer_selection: 'all',
        target_type: 'line_item',
        target_selection: 'all',
        allocation_method: 'across',
        once_per_customer: true,
        usage_limit: 1,
        starts_at: new Date(discount.startsAtMs).toISOString(),
        ends_at: new Date(discount.expiresAtMs).toISOString(),
      },
    })
    if (answer.statusCode !== 201 && answer.statusCode !== 200) {
      throw rejected('creating the price rule', answer.statusCode)
    }
    const id = (answer.body as { price_rule?: { id?: unknown } } | undefined)?.price_rule?.id
    if (typeof id !== 'number' && typeof id !== 'string') {
      throw rejected('creating the price rule (no id in the answer)', answer.statusCode)
    }
    return String(id)
  }

  #post(path: string, body: unknown) {
    const base = this.#options.apiUrl.replace(/\/+$/, '')
    return postJson({
      dispatcher: this.#options.dispatcher,
      url: new URL(`${base}/admin/api/${SHOPIFY_API_VERSION}/${path}`),
      headers: { 'x-shopify-access-token': this.#options.accessToken },
      body,
      timeoutMs: this.#options.timeoutMs,
    })
  }
}

/** Shopify refuses a code that exists already with 422 and `{"errors": {"code": [...]}}`. */
function isDuplicateCode(body: unknown): boolean {
  const errors = (body as { errors?: { code?: unknown } } | undefined)?.errors
  return Array.isArray(errors?.code) && errors.code.some((m) => /unique/i.test(String(m)))
}
