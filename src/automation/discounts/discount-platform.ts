/** How much a discount takes off: a percentage of the cart, or a fixed amount. */
export type DiscountValue =
  | { readonly type: 'percent'; readonly percent: number }
  | {
      readonly type: 'fixed'
      /** Integer micro-units of the store's currency. */
      readonly amountMicros: number
    }

/** One single-use code to create on the store's platform. */
export interface NewDiscount {
  readonly code: string
  readonly value: DiscountValue
  readonly startsAtMs: number
  readonly expiresAtMs: number
}

/**
 * A store's platform, where discount codes are created so checkout accepts them. `create`
 * resolves once the code exists there, including when an earlier attempt already created
 * it, and otherwise throws a {@link DiscountCreationError}.
 */
export interface DiscountPlatform {
  create(discount: NewDiscount): Promise<void>
}
