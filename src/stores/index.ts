export {
  STORE_PLATFORMS,
  type Store,
  type StorePlatform,
  type StoreSettingsPatch,
} from './store.js'
export {
  StoreRegistry,
  toStore,
  type CreatedStore,
  type StoreConnection,
} from './store-registry.js'
export {
  DEFAULT_COMPLIANCE_SETTINGS,
  parseComplianceSettings,
  type ComplianceSettings,
} from './compliance-settings.js'
export { StoreDirectory } from './store-directory.js'
export { publicBaseUrlOf } from './public-base-url.js'
export { storeEndpoints, storeEventEndpoint, type StoreEndpoint } from './store-endpoints.js'
