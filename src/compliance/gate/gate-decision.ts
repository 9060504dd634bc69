import {
  PreparedQuery,
  type Db,
  type GateDecisionTable,
  type Placeholder,
  type Trx,
} from '../../storage/index.js'

/** What the gate did with a message: let it go, hold it for quiet hours, or stop it. */
export type GateOutcome = 'allowed' | 'held' | 'suppressed'

/** One audit entry: the gate's decision about one message and what it was based on. */
export interface GateDecision {
  readonly id: string
  readonly storeId: string
  readonly messageId: string
  /** The recipient's number; its keyed hash once the recipient's data was erased. */
  readonly phone: string
  readonly category: 'transactional' | 'marketing'
  readonly decision: GateOutcome
  readonly reason: string | null
  /** The rule that decided, e.g. `marketing_consent_required`, `store_hours`. */
  readonly rule: string
  /** The zones quiet hours were judged in; empty when they were not consulted. */
  readonly zones: readonly string[]
  readonly zoneSource: string | null
  /** Local wall-clock time in each zone when judged, ISO 8601 with offset. */
  readonly localTimes: readonly string[]
  readonly releaseAtMs: number | null
  readonly createdAtMs: number
}

export interface DecisionFilter {
  readonly phone?: string
  /** Only decisions made at or after this time (ms). */
  readonly sinceMs?: number
  /** Id of the last decision of the previous page. */
  readonly beforeId?: string
  readonly limit: number
}

export async function recordDecision(trx: Trx, decision: GateDecision): Promise<void> {
  await trx.insertInto('gate_decisions').values(toDecisionRow(decision)).execute()
}

/**
 * {@link recordDecision} compiled once, for the gate, which records a decision for every
 * message. It serves the one database it first runs in.
 */
export function prepareDecisionRecorder(): (trx: Trx, decision: GateDecision) => Promise<void> {
  const insert = new PreparedQuery((db, p: Placeholder<keyof GateDecisionTable>) =>
    db.insertInto('gate_decisions').values({
      id: p('id'),
      store_id: p('store_id'),
      message_id: p('message_id'),
      phone: p('phone'),
      category: p('category'),
      decision: p('decision'),
      reason: p('reason'),
      rule: p('rule'),
      zones: p('zones'),
      zone_source: p('zone_source'),
      local_times: p('local_times'),
      release_at: p('release_at'),
      created_at: p('created_at'),
    }),
  )
  return async (trx, decision) => {
    await insert.execute(trx, toDecisionRow(decision))
  }
}

function toDecisionRow(decision: GateDecision): GateDecisionTable {
  return {
    id: decision.id,
    store_id: decision.storeId,
    message_id: decision.messageId,
    phone: decision.phone,
    category: decision.category,
    decision: decision.decision,
    reason: decision.reason,
    rule: decision.rule,
    zones: JSON.stringify(decision.zones),
    zone_source: decision.zoneSource,
    local_times: JSON.stringify(decision.localTimes),
    release_at: decision.releaseAtMs,
    created_at: decision.createdAtMs,
  }
}

/** Newest first, paged by id like messages. */
export async function listDecisions(
  db: Db | Trx,
  storeId: string,
  filter: DecisionFilter,
): Promise<GateDecision[]> {
  let query = db.selectFrom('gate_decisions').selectAll().where('store_id', '=', storeId)
  if (filter.phone !== undefined) query = query.where('phone', '=', filter.phone)
  if (filter.sinceMs !== undefined) query = query.where('created_at', '>=', filter.sinceMs)
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId)

  const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute()
  return rows.map(toDecision)
}

function toDecision(row: GateDecisionTable): GateDecision {
  return {
    id: row.id,
    storeId: row.store_id,
    messageId: row.message_id,
    phone: row.phone,
    category: row.category,
    decision: row.decision,
    reason: row.reason,
    rule: row.rule,
    zones: JSON.parse(row.zones) as string[],
    zoneSource: row.zone_source,
    localTimes: JSON.parse(row.local_times) as string[],
    releaseAtMs: row.release_at === null ? null : Number(row.release_at),
    createdAtMs: Number(row.created_at),
  }
}
