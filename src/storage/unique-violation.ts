/**
 * True when a write failed because a row with the same unique key already exists: another
 * process (or another write of the same batch) got there first.
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  // PostgreSQL's SQLSTATE, or better-sqlite3's extended result code.
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  )
}
