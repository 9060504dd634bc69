import type { Trx } from '../storage/index.js'

/**
 * What a store told Nudge, in one shape whatever the platform: Shopify and WooCommerce
 * webhooks and the generic event API are all translated into these before anything acts on
 * them. Money is in integer micro-units of `currency`; times are ms since the epoch.
 */
export type StoreEvent = CheckoutUpdated | OrderPlaced | ShipmentUpdated

export type Platform = 'shopify' | 'woocommerce' | 'custom'

export interface Customer {
  readonly firstName: string | null
  readonly lastName: string | null
  readonly email: string | null
}

export interface LineItem {
  readonly title: string
  readonly variantTitle: string | null
  readonly quantity: number
  /** Price of one unit. */
  readonly priceMicros: number
  readonly productUrl: string | null
  readonly imageUrl: string | null
}

export interface Address {
  readonly countryCode: string | null
  readonly provinceCode: string | null
  readonly zip: string | null
}

/** Consent the customer gave at checkout, with what proves it. */
export interface CheckoutConsent {
  readonly marketing: boolean
  /** The wording shown next to the checkbox, when known. */
  readonly wording: string | null
  readonly pageUrl: string | null
  readonly ip: string | null
  readonly userAgent: string | null
  readonly collectedAtMs: number
}

export interface CheckoutUpdated {
  readonly type: 'checkout.updated'
  readonly storeId: string
  readonly platform: Platform
  /** Shopify's checkout `token`; the platform's cart id otherwise. */
  readonly checkoutId: string
  /** E.164, or null when the checkout has no usable phone. */
  readonly phone: string | null
  readonly consent: CheckoutConsent | null
  readonly customer: Customer | null
  readonly items: readonly LineItem[]
  readonly totalMicros: number
  readonly currency: string
  /** The platform's link back to the pre-filled checkout. */
  readonly recoveryUrl: string | null
  readonly shippingAddress: Address | null
  /** Set when the platform says the checkout became an order. */
  readonly completedAtMs: number | null
  readonly updatedAtMs: number
}

export interface OrderPlaced {
  readonly type: 'order.placed'
  readonly storeId: string
  readonly platform: Platform
  readonly orderId: string
  /** What the customer sees, e.g. `#1001`. */
  readonly orderName: string
  /** The checkout it came from, when the platform says. */
  readonly checkoutId: string | null
  readonly phone: string | null
  readonly customer: Customer | null
  readonly items: readonly LineItem[]
  readonly totalMicros: number
  readonly currency: string
  readonly discountCodes: readonly string[]
  /** What the discounts took off the order, when the platform says. */
  readonly discountMicros: number | null
  readonly shippingAddress: Address | null
  readonly placedAtMs: number
}

export interface ShipmentUpdated {
  readonly type: 'shipment.updated'
  readonly storeId: string
  readonly platform: Platform
  /** Shopify fulfillment id; the order id for WooCommerce. */
  readonly shipmentId: string
  readonly orderId: string
  readonly orderName: string | null
  readonly phone: string | null
  readonly customer: Customer | null
  readonly trackingNumber: string | null
  readonly trackingUrl: string | null
  readonly trackingCompany: string | null
  /** The platform's shipment status, e.g. `success`, `in_transit`, `delivered`. */
  readonly status: string | null
  readonly updatedAtMs: number
}

/**
 * Acts on store events, inside the transaction that records them, so an event and what it
 * started (or stopped) commit together or not at all. The flows implement it.
 */
export interface StoreEventSink {
  handle(trx: Trx, event: StoreEvent, nowMs: number): Promise<void>
}
