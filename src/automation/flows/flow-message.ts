import {
  admitMessage,
  prepareMessage,
  type AdmitDeps,
  type MessageRow,
  type PrepareDeps,
  type SendMessageRequest,
} from '../../messaging/index.js'
import { ValidationError, type FieldProblem } from '../../runtime/index.js'
import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import type { LinkShortener } from '../contracts.js'
import { FLOW_CATEGORY, type FlowId } from './flow-definition.js'

/** What storing a flow's message needs: the message rules, the gate, and the link shortener. */
export interface FlowMessageDeps extends PrepareDeps, AdmitDeps {
  readonly shortener: LinkShortener
}

export type FlowMessageOutcome =
  | { readonly kind: 'stored'; readonly message: MessageRow }
  | { readonly kind: 'invalid'; readonly problems: readonly FieldProblem[] }

/**
 * Stores a flow's rendered text as a message from the store's default sender, through the
 * same path as the API: its links shortened on the store's public base URL (left as they are
 * without one), then validated, priced and passed through the compliance gate, which may
 * hold or suppress it. Runs in the caller's transaction. The message's metadata names the
 * flow and the run.
 */
export async function storeFlowMessage(
  trx: Trx,
  deps: FlowMessageDeps,
  args: {
    readonly store: Store
    readonly flow: FlowId
    readonly runId: string
    readonly recipient: string
    readonly text: string
    readonly nowMs: number
  },
): Promise<FlowMessageOutcome> {
  const { store, runId, nowMs } = args
  const request: SendMessageRequest = {
    to: args.recipient,
    body: args.text,
    category: FLOW_CATEGORY[args.flow],
    metadata: { flow: args.flow, flow_run: runId },
  }
  // Checked first with the text as rendered, so an unusable recipient or sender stores no
  // short links; the id is then the one the links are recorded against.
  const draft = prepare(deps, store, request, nowMs)
  if (draft.kind === 'invalid') return draft

  let body = args.text
  if (store.publicBaseUrl !== null) {
    const shortened = await deps.shortener.shorten(trx, {
      storeId: store.id,
      text: args.text,
      baseUrl: store.publicBaseUrl,
      messageId: draft.row.id,
      flowRunId: runId,
      nowMs,
    })
    body = shortened.text
  }
  const prepared = body === args.text ? draft : prepare(deps, store, { ...request, body }, nowMs)
  if (prepared.kind === 'invalid') return prepared

  const row = { ...prepared.row, id: draft.row.id }
  return { kind: 'stored', message: await admitMessage(trx, deps, { row, store, nowMs }) }
}

function prepare(
  deps: PrepareDeps,
  store: Store,
  request: SendMessageRequest,
  nowMs: number,
): { kind: 'ready'; row: MessageRow } | { kind: 'invalid'; problems: readonly FieldProblem[] } {
  try {
    return { kind: 'ready', row: prepareMessage(deps, store, request, nowMs) }
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err
    return { kind: 'invalid', problems: err.problems }
  }
}

/** The problems of an invalid message in one line, for the step's recorded error. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.field} ${p.code}: ${p.message}`).join('; ')
}
