import type { Store } from '../../stores/index.js'
import type { Flow, FlowId, FlowStep } from './flow-definition.js'

const REMINDER =
  'Hi {{ customer.first_name | default: "there" }}, you left something in your cart at ' +
  '{{ store.name }}. Complete your order: {{ recovery_url }} Reply STOP to opt out.'

const REMINDER_WITH_DISCOUNT =
  'Hi {{ customer.first_name | default: "there" }}, your cart at {{ store.name }} is still ' +
  'waiting. Take {{ discount.value }} off with code {{ discount.code }}: {{ recovery_url }} ' +
  'Reply STOP to opt out.'

const ORDER_CONFIRMATION =
  '{{ store.name }}: thank you for your order {{ order.name }}! Total {{ order.total | money }}. ' +
  'We will text you when it ships.'

const SHIPPING_UPDATE =
  '{{ store.name }}: your order {{ order.name }} is on its way with ' +
  '{{ shipment.tracking_company | default: "the carrier" }}. Track it: ' +
  '{{ shipment.tracking_url | default: shipment.tracking_number }}'

const DEFAULT_STEPS: Readonly<Record<FlowId, readonly FlowStep[]>> = {
  abandoned_checkout: [
    { delayMinutes: 30, template: REMINDER, discount: null },
    {
      delayMinutes: 24 * 60,
      template: REMINDER_WITH_DISCOUNT,
      discount: { type: 'percent', percent: 10, expiresInDays: 7 },
    },
  ],
  order_confirmation: [{ delayMinutes: 0, template: ORDER_CONFIRMATION, discount: null }],
  shipping_update: [{ delayMinutes: 0, template: SHIPPING_UPDATE, discount: null }],
}

/**
 * A flow as it is until the store changes it. Order confirmations and shipping updates are on.
 * Abandoned-checkout reminders are on only for a store with a public base URL: their links
 * are then short and counted, and the store has said where its customers land.
 */
export function defaultFlow(id: FlowId, store: Pick<Store, 'publicBaseUrl'>): Flow {
  const enabled = id === 'abandoned_checkout' ? store.publicBaseUrl !== null : true
  return { id, enabled, steps: DEFAULT_STEPS[id] }
}
