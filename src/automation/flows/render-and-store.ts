import { NudgeError } from '../../runtime/index.js'
import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import type { TemplateContext } from '../contracts.js'
import type { FlowId } from './flow-definition.js'
import type { FlowEngineDeps } from './flow-engine-deps.js'
import { describeProblems, storeFlowMessage } from './flow-message.js'
import type { FlowRunReason, FlowRunStatus, FlowStepStatus } from './flow-run.js'

/** What became of a step's message, and what that means for its run. */
export interface SendOutcome {
  readonly stepStatus: FlowStepStatus
  readonly runStatus: Exclude<FlowRunStatus, 'active'>
  readonly reason: FlowRunReason | null
  readonly messageId: string | null
  readonly error: string | null
}

/**
 * Renders a step's template and stores the message. A template that cannot be rendered or a
 * message the rules refuse fails the step; a message the gate suppressed stops the run with
 * the gate's reason; otherwise the step is sent.
 */
export async function renderAndStore(
  trx: Trx,
  deps: FlowEngineDeps,
  args: {
    readonly store: Store
    readonly flow: FlowId
    readonly runId: string
    readonly phone: string
    readonly template: string
    readonly context: TemplateContext
    readonly nowMs: number
  },
): Promise<SendOutcome> {
  const failed = (error: string): SendOutcome => ({
    stepStatus: 'failed',
    runStatus: 'failed',
    reason: 'MESSAGE_INVALID',
    messageId: null,
    error,
  })

  let text: string
  try {
    text = await deps.renderer.render(args.template, args.context)
  } catch (err) {
    if (!(err instanceof NudgeError)) throw err
    return failed(err.message)
  }

  const stored = await storeFlowMessage(trx, deps, {
    store: args.store,
    flow: args.flow,
    runId: args.runId,
    recipient: args.phone,
    text,
    nowMs: args.nowMs,
  })
  if (stored.kind === 'invalid') return failed(describeProblems(stored.problems))

  const { message } = stored
  if (message.status === 'suppressed') {
    return {
      stepStatus: 'suppressed',
      runStatus: 'stopped',
      reason: message.reason as FlowRunReason,
      messageId: message.id,
      error: null,
    }
  }
  return {
    stepStatus: 'sent',
    runStatus: 'completed',
    reason: null,
    messageId: message.id,
    error: null,
  }
}
