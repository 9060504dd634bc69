import type { Trx } from '../storage/index.js'
import type { MessageRow } from './message.js'
import { recordMessageEvent } from './message-events.js'
import { advanceMessageStatus, type AdvanceOptions } from './message-store.js'

export interface TransitionOptions extends AdvanceOptions {
  readonly webhookUrl: string | null
  readonly webhookLifetimeMs: number
}

/**
 * Moves a message forward and announces it: the status change, its event and its webhook
 * are written in one transaction. A change that the status rules refuse announces nothing.
 */
export async function transitionMessage(
  trx: Trx,
  options: TransitionOptions,
): Promise<MessageRow | undefined> {
  const next = await advanceMessageStatus(trx, options)
  if (next === undefined) return undefined

  await recordMessageEvent(trx, {
    type: 'message.status',
    message: next,
    webhookUrl: options.webhookUrl,
    nowMs: options.nowMs,
    webhookLifetimeMs: options.webhookLifetimeMs,
  })
  return next
}
