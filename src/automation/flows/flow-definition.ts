import type { DiscountValue } from '../discounts/index.js'

/** The flows every store has, each on or off. */
export const FLOW_IDS = ['abandoned_checkout', 'order_confirmation', 'shipping_update'] as const
export type FlowId = (typeof FLOW_IDS)[number]

export function isFlowId(value: string): value is FlowId {
  return (FLOW_IDS as readonly string[]).includes(value)
}

/** Abandoned-checkout reminders are promotions; confirmations and shipping news are not. */
export const FLOW_CATEGORY: Readonly<Record<FlowId, 'marketing' | 'transactional'>> = {
  abandoned_checkout: 'marketing',
  order_confirmation: 'transactional',
  shipping_update: 'transactional',
}

/** A discount a step offers: its value and how long its code stays valid. */
export type DiscountOffer = DiscountValue & {
  /** Days from the moment the code is created. */
  readonly expiresInDays: number
}

/** One message of a flow: when it goes, what it says, and any discount it carries. */
export interface FlowStep {
  /**
   * Minutes after the event that started (or restarted) the run. Steps of an abandoned
   * checkout count from the same moment, so their delays increase; the others go at once (0).
   */
  readonly delayMinutes: number
  /** Liquid; see the template variables. */
  readonly template: string
  readonly discount: DiscountOffer | null
}

export interface Flow {
  readonly id: FlowId
  readonly enabled: boolean
  readonly steps: readonly FlowStep[]
}

/** Most steps an abandoned checkout may have: more reminders annoy more than they recover. */
export const MAX_CHECKOUT_STEPS = 3
