export type { Store, StoreSettingsPatch } from './store.js'
export { StoreRegistry, toStore, type CreatedStore } from './store-registry.js'
export {
  DEFAULT_COMPLIANCE_SETTINGS,
  parseComplianceSettings,
  type ComplianceSettings,
} from './compliance-settings.js'
export { StoreDirectory } from './store-directory.js'
