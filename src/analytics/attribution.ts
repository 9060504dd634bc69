/** The rule that credited an order to a message, strongest first. */
export type AttributionMethod = 'checkout' | 'discount_code' | 'click'

export const ATTRIBUTION_METHODS: readonly AttributionMethod[] = [
  'checkout',
  'discount_code',
  'click',
]

/** The flow message an order is credited to. */
export interface AttributionMatch {
  readonly method: AttributionMethod
  readonly flow: string
  readonly flowRunId: string
  readonly messageId: string
}
