import type { FieldProblem } from '../../runtime/index.js'
import type { StorePlatform } from '../../stores/index.js'
import { isDiscountPrefix } from './discount-code.js'
import type { DiscountCredentials, DiscountSettings } from './discount-settings.js'

/** Changes to a store's discount settings as it sent them; absent fields stay as they are. */
export interface DiscountSettingsDraft {
  /** null clears it. */
  readonly apiUrl?: string | null
  /** Shopify's Admin API access token. */
  readonly accessToken?: string
  /** WooCommerce's REST API key, both halves. */
  readonly consumerKey?: string
  readonly consumerSecret?: string
  readonly prefix?: string
}

/**
 * Applies changes to a store's discount settings, reporting every problem at once (fields
 * under `/discounts`). The credentials must be the kind the store's platform takes: an access
 * token for Shopify, a consumer key and secret for WooCommerce.
 */
export function checkDiscountSettings(args: {
  readonly draft: DiscountSettingsDraft
  readonly current: DiscountSettings
  readonly platform: StorePlatform
}): { ok: true; settings: DiscountSettings } | { ok: false; problems: FieldProblem[] } {
  const { draft, current, platform } = args
  const problems: FieldProblem[] = []
  const problem = (field: string, code: string, message: string): void => {
    problems.push({ field: `/discounts/${field}`, code, message })
  }

  if (typeof draft.apiUrl === 'string' && !isBaseUrl(draft.apiUrl)) {
    problem('api_url', 'URL_INVALID', 'must be an absolute http or https URL with no query')
  }
  if (draft.prefix !== undefined && !isDiscountPrefix(draft.prefix)) {
    problem('prefix', 'PREFIX_INVALID', 'must be up to 12 capital letters, digits, - or _')
  }

  let credentials = current.credentials
  const hasKey = draft.consumerKey !== undefined || draft.consumerSecret !== undefined
  if (draft.accessToken !== undefined) {
    if (platform === 'shopify')
      credentials = { kind: 'access_token', accessToken: draft.accessToken }
    else
      problem('access_token', 'CREDENTIALS_MISMATCH', `is for Shopify; the store is on ${platform}`)
  }
  if (hasKey) {
    if (platform !== 'woocommerce') {
      const field = draft.consumerKey === undefined ? 'consumer_secret' : 'consumer_key'
      problem(field, 'CREDENTIALS_MISMATCH', `is for WooCommerce; the store is on ${platform}`)
    } else if (draft.consumerKey === undefined || draft.consumerSecret === undefined) {
      const field = draft.consumerKey === undefined ? 'consumer_key' : 'consumer_secret'
      problem(field, 'REQUIRED', 'is required with the other half of the key')
    } else {
      credentials = apiKey(draft.consumerKey, draft.consumerSecret)
    }
  }
  if (problems.length > 0) return { ok: false, problems }

  return {
    ok: true,
    settings: {
      apiUrl:
        draft.apiUrl === undefined ? current.apiUrl : (draft.apiUrl?.replace(/\/+$/, '') ?? null),
      credentials,
      prefix: draft.prefix ?? current.prefix,
    },
  }
}

function apiKey(consumerKey: string, consumerSecret: string): DiscountCredentials {
  return { kind: 'api_key', consumerKey, consumerSecret }
}

function isBaseUrl(value: string): boolean {
  if (!URL.canParse(value)) return false
  const url = new URL(value)
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === ''
  )
}
