import type { Db, Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import { defaultFlow } from './default-flows.js'
import { FLOW_IDS, isFlowId, type Flow, type FlowId, type FlowStep } from './flow-definition.js'

/** Every flow of a store, in the order of {@link FLOW_IDS}, defaults where it set nothing. */
export async function loadFlows(
  db: Db | Trx,
  store: Pick<Store, 'id' | 'publicBaseUrl'>,
): Promise<Flow[]> {
  const rows = await db.selectFrom('flows').selectAll().where('store_id', '=', store.id).execute()
  const saved = new Map(rows.filter((r) => isFlowId(r.flow)).map((r) => [r.flow, r]))
  return FLOW_IDS.map((id) => {
    const row = saved.get(id)
    if (row === undefined) return defaultFlow(id, store)
    return { id, enabled: row.enabled === 1, steps: JSON.parse(row.steps) as FlowStep[] }
  })
}

export async function loadFlow(
  db: Db | Trx,
  store: Pick<Store, 'id' | 'publicBaseUrl'>,
  id: FlowId,
): Promise<Flow> {
  const row = await db
    .selectFrom('flows')
    .selectAll()
    .where('store_id', '=', store.id)
    .where('flow', '=', id)
    .executeTakeFirst()
  if (row === undefined) return defaultFlow(id, store)
  return { id, enabled: row.enabled === 1, steps: JSON.parse(row.steps) as FlowStep[] }
}

/** Stores the whole flow; from then on it no longer follows the defaults. */
export async function saveFlow(
  db: Db,
  args: { readonly storeId: string; readonly flow: Flow; readonly nowMs: number },
): Promise<void> {
  const { storeId, flow, nowMs } = args
  const values = {
    enabled: flow.enabled ? 1 : 0,
    steps: JSON.stringify(flow.steps),
    updated_at: nowMs,
  }
  await db
    .insertInto('flows')
    .values({ store_id: storeId, flow: flow.id, ...values })
    .onConflict((oc) => oc.columns(['store_id', 'flow']).doUpdateSet(values))
    .execute()
}
