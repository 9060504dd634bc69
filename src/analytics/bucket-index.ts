import { sql, type RawBuilder } from 'kysely'

/**
 * The SQL that numbers the bucket a time column falls in, from 0, given where each bucket
 * starts (ascending, the first at the period's start): one `CASE` over the boundaries, so a
 * whole series is counted in one pass of one grouped query. Undefined for a single bucket,
 * which needs no grouping. The boundaries are our own integers, written in as literals so
 * the grouping expression reads the same in SELECT and GROUP BY.
 */
export function bucketIndex(
  column: string,
  startsMs: readonly number[],
): RawBuilder<number> | undefined {
  if (startsMs.length <= 1) return undefined
  const whens = startsMs
    .slice(1)
    .map((startMs, i) => sql`when ${sql.ref(column)} < ${sql.lit(startMs)} then ${sql.lit(i)}`)
  return sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(startsMs.length - 1)} end`
}
