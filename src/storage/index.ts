export {
  isPostgresUrl,
  migrate,
  openDatabase,
  openPostgres,
  openSqlite,
  type Db,
  type OpenDatabaseOptions,
  type OpenedDatabase,
  type OpenPostgresOptions,
} from './database.js'
export { databaseKindOf, type DatabaseKind } from './database-kind.js'
export { GroupCommit, type Durability, type GroupCommitOptions, type Trx } from './group-commit.js'
export { StorageError } from './errors.js'
export { PreparedQuery, type Placeholder } from './prepared-query.js'
export type * from './schema.js'
export { orderEventLogAppend } from './commit-order.js'
export { isUniqueViolation } from './unique-violation.js'
export { LocalWakeups, PostgresWakeups, type WakeTopic, type Wakeups } from './wakeups.js'
