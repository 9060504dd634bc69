/**
 * Discount codes: unique single-use codes with the store's prefix, created on the store's
 * Shopify or WooCommerce before a message offers them.
 */
export {
  DEFAULT_DISCOUNT_PREFIX,
  DISCOUNT_CODE_LENGTH,
  isDiscountPrefix,
  newDiscountCode,
} from './discount-code.js'
export type { DiscountPlatform, DiscountValue, NewDiscount } from './discount-platform.js'
export {
  DiscountPlatforms,
  type DiscountPlatformSource,
  type DiscountPlatformsOptions,
} from './discount-platforms.js'
export {
  NO_DISCOUNT_SETTINGS,
  findDiscountSettings,
  saveDiscountSettings,
  type DiscountCredentials,
  type DiscountSettings,
} from './discount-settings.js'
export { DiscountCreationError, type DiscountFailure } from './errors.js'
export { SHOPIFY_API_VERSION, ShopifyDiscounts } from './shopify-discounts.js'
export { WooCommerceDiscounts } from './woocommerce-discounts.js'
export { checkDiscountSettings, type DiscountSettingsDraft } from './check-discount-settings.js'
