import type { Narrator } from './narrator.js'
import type { StoreApi } from './store-api.js'

export const DEMO_TIME_ZONE = 'America/New_York'

/** The demo's first reminder names the product, so the story shows what the cart held. */
const FIRST_REMINDER =
  'Hi {{ customer.first_name | default: "there" }}, your {{ checkout.items[0].title }} is ' +
  'still in your cart at {{ store.name }}. Complete your order: {{ recovery_url }} ' +
  'Reply STOP to opt out.'
const SECOND_REMINDER =
  'Hi {{ customer.first_name | default: "there" }}, your cart at {{ store.name }} is still ' +
  'waiting: {{ recovery_url }} Reply STOP to opt out.'

/** Sender, country and zone through `PATCH /v1/store`; the abandoned-checkout flow on. */
export async function setUpStore(args: {
  readonly api: StoreApi
  readonly apiUrl: string
  readonly storeId: string
  readonly storeName: string
  readonly narrator: Narrator
}): Promise<void> {
  const { api, narrator } = args
  await api.patch('/v1/store', {
    default_sender: '+12025550100',
    default_country: 'US',
    time_zone: DEMO_TIME_ZONE,
  })
  narrator.event(
    `${args.storeName} connects its Shopify store to Nudge (store ${args.storeId})`,
    `webhooks to ${args.apiUrl}/v1/stores/${args.storeId}/shopify/webhooks, signed with the ` +
      'platform secret',
    `short links on its public base URL ${args.apiUrl}, texts from +12025550100`,
  )
  await api.patch('/v1/flows/abandoned_checkout', {
    enabled: true,
    steps: [
      { delay_minutes: 30, template: FIRST_REMINDER },
      { delay_minutes: 24 * 60, template: SECOND_REMINDER },
    ],
  })
  narrator.event(
    'PATCH /v1/flows/abandoned_checkout: on, a reminder 30 minutes after a checkout, another ' +
      'after 24 hours',
  )
}
