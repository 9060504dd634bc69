export { openSqlite, migrate, type Db, type OpenDatabaseOptions } from './database.js'
export { GroupCommit, type Durability, type GroupCommitOptions, type Trx } from './group-commit.js'
export { StorageError } from './errors.js'
export type * from './schema.js'
