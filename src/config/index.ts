export type { Config, CarrierConfig, CarrierDestination } from './config.js'
export { loadConfig, type ConfigFlags } from './load-config.js'
export { ConfigError } from './errors.js'
