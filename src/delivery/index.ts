export { DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker.js'
export { CarrierListener, type CarrierListenerOptions } from './carrier-listener.js'
export { RouteTable, type Route } from './route-table.js'
export { SegmentRateLimiter } from './segment-rate-limiter.js'
export { applyReceipt, type ReceiptResult } from './receipt-handler.js'
export { storeInbound } from './inbound-handler.js'
export {
  LeasedOwnership,
  SoleOwnership,
  ROUTE_LEASE_MS,
  type LeasedOwnershipOptions,
  type RouteOwnership,
} from './route-ownership.js'
export { acquireRouteLease, listRouteLeases, releaseRouteLease } from './route-lease-store.js'
export {
  RATE_WINDOW_MS,
  routeStatus,
  type RouteDescription,
  type RouteStatus,
  type RouteStatusReport,
} from './route-status.js'
