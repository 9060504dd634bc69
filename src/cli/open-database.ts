import { existsSync } from 'node:fs'
import { loadConfig, type Config } from '../config/index.js'
import { isPostgresUrl, migrate, openDatabase, StorageError, type Db } from '../storage/index.js'
import type { CliOptions } from './main.js'

/**
 * Opens and migrates the database for one command, and closes it after. Only commands that
 * may start a new database pass `canCreate`; the others refuse a SQLite path with no
 * database, which is almost always a typo.
 */
export async function withDatabase<T>(
  options: CliOptions,
  work: (opened: { db: Db; config: Config }) => Promise<T>,
  canCreate = false,
): Promise<T> {
  // These commands only open the database: the process role does not apply to them.
  const config = loadConfig({ db: options.db, config: options.config, role: 'all' }, process.env)
  const isFile = !isPostgresUrl(config.database) && config.database !== ':memory:'
  if (!canCreate && isFile && !existsSync(config.database)) {
    throw new StorageError(`there is no database at ${config.database} (give it with --db FILE)`)
  }
  const { db, close } = openDatabase(config.database)
  try {
    await migrate(db)
    return await work({ db, config })
  } finally {
    await close()
  }
}
