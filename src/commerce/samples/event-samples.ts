import type { SampleIds } from './shopify-samples.js'

/** The sample customer and cart, as a store's own code would post them to `/v1/events`. */
const CUSTOMER = { first_name: 'Mara', last_name: 'Quill', email: 'mara.quill@example.com' }
const ITEMS = [
  { title: 'Alpine Wool Beanie', variant_title: 'Charcoal', quantity: 2, price: '24.00' },
  { title: 'Trail Socks — 3 pack', variant_title: 'M', quantity: 1, price: '21.12' },
]
const TOTAL = '69.12'

/** A `checkout.updated` event with the customer's consent to marketing texts. */
export function sampleCheckoutEvent(ids: SampleIds, args: { storeUrl: string }) {
  const at = new Date(ids.nowMs).toISOString()
  return {
    type: 'checkout.updated',
    checkout_id: ids.checkoutToken,
    phone: ids.phone,
    consent: {
      marketing: true,
      wording:
        'Text me about my order and offers. Msg & data rates may apply. Reply STOP to opt out.',
      page_url: `${args.storeUrl}/checkout`,
      collected_at: at,
    },
    customer: CUSTOMER,
    items: ITEMS,
    total: TOTAL,
    currency: 'USD',
    recovery_url: `${args.storeUrl}/cart/recover/${ids.checkoutToken}`,
    updated_at: at,
  }
}

/** The `order.placed` event that completes the sample checkout. */
export function sampleOrderEvent(ids: SampleIds) {
  return {
    type: 'order.placed',
    order_id: ids.numericId,
    order_name: `#${ids.numericId.slice(-4)}`,
    checkout_id: ids.checkoutToken,
    phone: ids.phone,
    customer: CUSTOMER,
    items: ITEMS,
    total: TOTAL,
    currency: 'USD',
    placed_at: new Date(ids.nowMs).toISOString(),
  }
}
