import type { OrderPlaced } from '../commerce/index.js'
import type { Trx } from '../storage/index.js'
import type { AttributionMatch, AttributionMethod } from './attribution.js'

/**
 * The flow message an order is credited to, by the strongest rule that matches, or
 * undefined. Only messages a carrier accepted count, and of several that match one rule the
 * latest sent wins:
 *
 * 1. `checkout`: the order came from the checkout of an abandoned-checkout run; a message of
 *    that run sent at or before the order.
 * 2. `discount_code`: the order used a code a flow step carried. The code proves the message
 *    arrived, so its time is not checked.
 * 3. `click`: a person (not a link preview or crawler) clicked a link of a message to the
 *    order's number, within `windowMs` before the order, and the message was sent at or
 *    before the order.
 */
export async function findAttribution(
  trx: Trx,
  args: { readonly order: OrderPlaced; readonly windowMs: number },
): Promise<AttributionMatch | undefined> {
  const { order } = args
  return (
    (await byCheckout(trx, order)) ??
    (await byDiscountCode(trx, order)) ??
    (await byClick(trx, order, args.windowMs))
  )
}

/** Steps of the store's flow runs whose messages were stored, latest sent first. */
function sentFlowMessages(trx: Trx, storeId: string) {
  return trx
    .selectFrom('flow_steps')
    .innerJoin('flow_runs', 'flow_runs.id', 'flow_steps.run_id')
    .innerJoin('messages', 'messages.id', 'flow_steps.message_id')
    .select(['flow_runs.flow', 'flow_runs.id as run_id', 'messages.id as message_id'])
    .where('flow_runs.store_id', '=', storeId)
    .where('flow_steps.status', '=', 'sent')
    .orderBy('messages.sent_at', 'desc')
    .orderBy('messages.id', 'desc')
    .limit(1)
}

async function byCheckout(trx: Trx, order: OrderPlaced): Promise<AttributionMatch | undefined> {
  if (order.checkoutId === null) return undefined
  const row = await sentFlowMessages(trx, order.storeId)
    .where('flow_runs.flow', '=', 'abandoned_checkout')
    .where('flow_runs.subject', '=', order.checkoutId)
    .where('messages.sent_at', '<=', order.placedAtMs)
    .executeTakeFirst()
  return toMatch('checkout', row)
}

async function byDiscountCode(trx: Trx, order: OrderPlaced): Promise<AttributionMatch | undefined> {
  // Nudge makes its codes in capitals; platforms report them as the customer typed them.
  const codes = [...new Set(order.discountCodes.map((code) => code.trim().toUpperCase()))]
  if (codes.length === 0) return undefined
  const row = await sentFlowMessages(trx, order.storeId)
    .where('flow_steps.store_id', '=', order.storeId)
    .where('flow_steps.discount_code', 'in', codes)
    .where('messages.sent_at', 'is not', null)
    .executeTakeFirst()
  return toMatch('discount_code', row)
}

async function byClick(
  trx: Trx,
  order: OrderPlaced,
  windowMs: number,
): Promise<AttributionMatch | undefined> {
  if (order.phone === null) return undefined
  const row = await sentFlowMessages(trx, order.storeId)
    .where('flow_runs.phone', '=', order.phone)
    .where('messages.sent_at', '<=', order.placedAtMs)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('link_clicks')
          .select('link_clicks.id')
          .whereRef('link_clicks.message_id', '=', 'messages.id')
          .where('link_clicks.store_id', '=', order.storeId)
          .where('link_clicks.is_bot', '=', 0)
          .where('link_clicks.clicked_at', '>=', order.placedAtMs - windowMs)
          .where('link_clicks.clicked_at', '<=', order.placedAtMs),
      ),
    )
    .executeTakeFirst()
  return toMatch('click', row)
}

function toMatch(
  method: AttributionMethod,
  row: { flow: string; run_id: string; message_id: string } | undefined,
): AttributionMatch | undefined {
  if (row === undefined) return undefined
  return { method, flow: row.flow, flowRunId: row.run_id, messageId: row.message_id }
}
