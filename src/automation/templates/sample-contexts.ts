import type { TemplateContext } from '../contracts.js'
import { FLOW_ROOTS, type TemplateFlow } from './template-variables.js'

/** The parts of a context, by root variable; a flow's context holds some of them. */
type ContextParts = Readonly<Record<string, unknown>>

/** A customer as most messages meet one: a short name, two items, an everyday total. */
function realisticParts(storeName: string): ContextParts {
  return {
    customer: { first_name: 'Maya', last_name: 'Okafor' },
    checkout: {
      items: [
        { title: 'Trail Runner 2', variant_title: 'Blue / 42', quantity: 1, price: 59_990_000 },
        { title: 'Merino Crew Socks', variant_title: 'M', quantity: 2, price: 12_000_000 },
      ],
      total: 83_990_000,
      currency: 'USD',
    },
    recovery_url: 'https://shop.example/548380009/checkouts/ac/c1-7a3f9d2e/recover?key=e2b1c0',
    discount: { code: 'COMEBACK10', value: '10%' },
    store: { name: storeName },
    order: { name: '#1042', total: 83_990_000, currency: 'USD' },
    shipment: {
      tracking_url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      tracking_number: '1Z999AA10123456784',
      tracking_company: 'UPS',
    },
  }
}

/**
 * The longest values a message plausibly meets, all in the GSM-7 alphabet: a 40-character
 * first name, 120-character product titles, a 20-character discount code, five-digit totals.
 * URLs are long too, though they are sent as short links and measured as such.
 */
function longestParts(storeName: string): ContextParts {
  const item = {
    title:
      'Ultralight Waterproof Trail Running Shoe with Reinforced Toe Cap, Recycled Mesh ' +
      'Upper and Vibram Outsole Limited Edition',
    variant_title: 'Midnight Blue / Volt Yellow / EU 46 / Wide Fit (4E) / Vegan',
    quantity: 99,
    price: 9_999_990_000,
  }
  return {
    customer: {
      first_name: 'Maximiliana-Josefina Alexandra-Charlotte',
      last_name: 'Vandenberghe-Oppenheimer-Castellanos Jr',
    },
    checkout: { items: [item, item, item], total: 99_999_990_000, currency: 'USD' },
    recovery_url:
      'https://a-very-long-store-name-for-testing.myshopify.com/78945612301/checkouts/ac/' +
      'c1-7a3f9d2e4b5c6d7e8f9a0b1c2d3e4f5a/recover?key=e2b1c0d9f8a7b6c5d4e3f2a1b0c9d8e7' +
      '&locale=en-US',
    discount: { code: 'WELCOMEBACK-SAVE20XY', value: '$1,000.00' },
    store: { name: storeName },
    order: { name: '#NW-2026-10000001', total: 99_999_990_000, currency: 'USD' },
    shipment: {
      tracking_url:
        'https://www.fedex.com/fedextrack/?trknbr=9400111899223334445566778899&trkqual=' +
        '2460000000~9400111899223334445566778899~FX&locale=en_US&cntry_code=us',
      tracking_number: '9400111899223334445566778899001234',
      tracking_company: 'DHL eCommerce Solutions',
    },
  }
}

/** The sample context of a flow (every part when no flow is named), with `overrides` on top. */
export function sampleContext(options: {
  readonly flow: TemplateFlow | undefined
  readonly storeName: string
  readonly overrides?: Readonly<Record<string, unknown>>
}): TemplateContext {
  const parts = pick(realisticParts(options.storeName), options.flow)
  return options.overrides === undefined ? parts : merge(parts, options.overrides)
}

/** The context with the longest plausible value in every variable. */
export function longestContext(options: {
  readonly flow: TemplateFlow | undefined
  readonly storeName: string
}): TemplateContext {
  return pick(longestParts(options.storeName), options.flow)
}

function pick(parts: ContextParts, flow: TemplateFlow | undefined): TemplateContext {
  if (flow === undefined) return parts
  return Object.fromEntries(FLOW_ROOTS[flow].map((root) => [root, parts[root]]))
}

/** Objects merge field by field; anything else (lists included) is replaced. */
function merge(
  base: Readonly<Record<string, unknown>>,
  overrides: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key]
    merged[key] = isObject(current) && isObject(value) ? merge(current, value) : value
  }
  return merged
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
