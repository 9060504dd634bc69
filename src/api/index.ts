export { buildApi } from './server.js'
export type { ApiDeps } from './api-deps.js'
export { createMetrics, type Metrics, type MetricsSource } from './metrics.js'
