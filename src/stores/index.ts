export type { Store, StoreSettingsPatch } from './store.js'
export { StoreRegistry, type CreatedStore } from './store-registry.js'
export { StoreDirectory } from './store-directory.js'
