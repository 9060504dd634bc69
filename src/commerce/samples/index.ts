export { readShopifyPayload } from './shipped-payloads.js'
export { sampleCheckoutEvent, sampleOrderEvent } from './event-samples.js'
export { shopifySampleCheckout, shopifySampleOrder, type SampleIds } from './shopify-samples.js'
