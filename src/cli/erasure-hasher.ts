import { KeyedHasher, loadErasureKey } from '../compliance/index.js'
import { ConfigError, type Config } from '../config/index.js'
import { isPostgresUrl } from '../storage/index.js'

/**
 * The keyed hasher behind erasure, from the configured key or the key file kept beside a
 * SQLite database. On PostgreSQL there is no such place, and every process of a cluster must
 * hash erased numbers alike, so the key must be given.
 */
export function erasureHasherFor(config: Config): KeyedHasher {
  const { erasureKey, erasureKeyFile } = config.compliance
  if (isPostgresUrl(config.database) && erasureKey === undefined && erasureKeyFile === undefined) {
    throw new ConfigError([
      'compliance.erasureKey: on PostgreSQL set NUDGE_ERASURE_KEY (32 characters or more, the ' +
        'same for every process), or compliance.erasureKey or compliance.erasureKeyFile',
    ])
  }
  return new KeyedHasher(loadErasureKey({ key: erasureKey, file: erasureKeyFile }))
}
