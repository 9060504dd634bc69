import { textOrNull } from '../payload-check.js'
import type { WooOrder } from './woo-payloads.js'

export interface WooTracking {
  readonly trackingNumber: string
  readonly trackingUrl: string | null
  readonly trackingCompany: string | null
}

/** The meta key of the WooCommerce Shipment Tracking plugin, also written by Advanced Shipment Tracking. */
const TRACKING_ITEMS = '_wc_shipment_tracking_items'

/**
 * The order's newest tracking number, from the tracking plugins' order meta: the list under
 * `_wc_shipment_tracking_items` (`tracking_number`, `tracking_provider` or
 * `custom_tracking_provider`, `custom_tracking_link`), else the single `_tracking_number`,
 * `_tracking_provider` and `_tracking_url` keys some plugins write. WooCommerce itself has no
 * shipments; null when no plugin recorded one.
 *
 * Limitation: a link is known only when the plugin stores one (custom providers); for its
 * predefined carriers the Shipment Tracking plugin builds the link when it shows it, so the
 * event carries the number and carrier without a link.
 */
export function wooTracking(meta: WooOrder['meta_data']): WooTracking | null {
  const byKey = new Map((meta ?? []).map((m) => [m.key, m.value]))

  const items = trackingItems(byKey.get(TRACKING_ITEMS))
  const newest = items.findLast((item) => textOrNull(item['tracking_number']) !== null)
  if (newest !== undefined) {
    return {
      trackingNumber: textOrNull(newest['tracking_number'])!,
      trackingUrl: textOrNull(newest['custom_tracking_link']),
      trackingCompany:
        textOrNull(newest['custom_tracking_provider']) ?? textOrNull(newest['tracking_provider']),
    }
  }

  const number = textOrNull(byKey.get('_tracking_number'))
  if (number === null) return null
  return {
    trackingNumber: number,
    trackingUrl: textOrNull(byKey.get('_tracking_url')),
    trackingCompany: textOrNull(byKey.get('_tracking_provider')),
  }
}

/** The plugin's list, whether the REST API sent it as an array or as a JSON string. */
function trackingItems(value: unknown): Record<string, unknown>[] {
  let list = value
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value)
    } catch {
      return []
    }
  }
  if (!Array.isArray(list)) return []
  return list.filter(
    (item): item is Record<string, unknown> => item !== null && typeof item === 'object',
  )
}
