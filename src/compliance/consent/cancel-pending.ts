import { transitionMessage, type MessageRow } from '../../messaging/index.js'
import { newId } from '../../runtime/index.js'
import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import { recordDecision } from '../gate/gate-decision.js'
import type { ConsentScope } from './consent-record.js'

export interface CancelPendingOptions {
  readonly store: Store
  readonly phone: string
  /** `marketing` stops pending promotions; `all` stops every pending message. */
  readonly scope: ConsentScope
  /** A message that must still go: the confirmation of this very opt-out. */
  readonly exceptMessageId?: string
  readonly nowMs: number
  readonly webhookLifetimeMs: number
}

/**
 * Suppresses the messages still waiting for a recipient who just opted out (held for quiet
 * hours, scheduled or queued), so an opt-out also stops what was accepted before it. Each one
 * is announced like any final status and recorded as a gate decision. Messages a carrier
 * already has (`sending` and later) cannot be called back.
 */
export async function cancelPendingMessages(
  trx: Trx,
  options: CancelPendingOptions,
): Promise<MessageRow[]> {
  const { store, nowMs } = options
  let query = trx
    .selectFrom('messages')
    .selectAll()
    .where('store_id', '=', store.id)
    .where('recipient', '=', options.phone)
    .where('direction', '=', 'outbound')
    .where('status', 'in', ['scheduled', 'queued'])
  if (options.scope === 'marketing') query = query.where('category', '=', 'marketing')
  if (options.exceptMessageId !== undefined)
    query = query.where('id', '!=', options.exceptMessageId)
  const pending = (await query.execute()) as MessageRow[]

  const cancelled: MessageRow[] = []
  for (const message of pending) {
    const next = await transitionMessage(trx, {
      message,
      to: 'suppressed',
      nowMs,
      changes: { reason: 'OPTED_OUT', due_at: null, done_at: nowMs },
      webhookUrl: message.status_callback ?? store.webhookUrl,
      webhookLifetimeMs: options.webhookLifetimeMs,
    })
    if (next === undefined) continue
    cancelled.push(next)
    await recordDecision(trx, {
      id: newId('gd', nowMs),
      storeId: store.id,
      messageId: message.id,
      phone: options.phone,
      category: message.category,
      decision: 'suppressed',
      reason: 'OPTED_OUT',
      rule: options.scope === 'all' ? 'opted_out_all_while_pending' : 'opted_out_while_pending',
      zones: [],
      zoneSource: null,
      localTimes: [],
      releaseAtMs: null,
      createdAtMs: nowMs,
    })
  }
  return cancelled
}
