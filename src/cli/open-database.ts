import { existsSync } from 'node:fs'
import { loadConfig, type Config } from '../config/index.js'
import { migrate, openSqlite, StorageError, type Db } from '../storage/index.js'
import type { CliOptions } from './main.js'

/**
 * Opens and migrates the database for one command, and closes it after. Only commands that
 * may start a new database pass `canCreate`; the others refuse a path with no database,
 * which is almost always a typo.
 */
export async function withDatabase<T>(
  options: CliOptions,
  work: (opened: { db: Db; config: Config }) => Promise<T>,
  canCreate = false,
): Promise<T> {
  const config = loadConfig({ db: options.db, config: options.config }, process.env)
  if (!canCreate && config.database !== ':memory:' && !existsSync(config.database)) {
    throw new StorageError(`there is no database at ${config.database} (give it with --db FILE)`)
  }
  const { db, close } = openSqlite({ file: config.database })
  try {
    await migrate(db)
    return await work({ db, config })
  } finally {
    await close()
  }
}
