import type { FlowRunTable, FlowStepTable } from '../../storage/index.js'

/**
 * Where a run is: `active` while steps wait; `completed` once every step went; `converted`
 * when the customer ordered; `stopped` by an opt-out, the gate or the flow being switched
 * off; `failed` when a step could not be sent at all.
 */
export type FlowRunStatus = 'active' | 'completed' | 'converted' | 'stopped' | 'failed'

/**
 * Why a run ended other than by completing: an order or completed checkout, an opt-out,
 * the compliance gate's suppression reason, the flow switched off, or a failure.
 */
export type FlowRunReason =
  | 'ORDER_PLACED'
  | 'CHECKOUT_COMPLETED'
  | 'OPTED_OUT'
  | 'NO_CONSENT'
  | 'FREQUENCY_CAP'
  | 'NO_SEND_WINDOW'
  | 'FLOW_DISABLED'
  | 'DISCOUNT_FAILED'
  | 'MESSAGE_INVALID'
  | 'ERASED'

/**
 * A step `pending` until due; `sent` once its message is stored (the message may still wait
 * for quiet hours); `suppressed` when the gate stopped it; `cancelled` when its run ended or
 * restarted first; `failed` when it could not be sent.
 */
export type FlowStepStatus = 'pending' | 'sent' | 'suppressed' | 'cancelled' | 'failed'

export type FlowRunRow = FlowRunTable
export type FlowStepRow = FlowStepTable
