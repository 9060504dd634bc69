import type { SubmitOutcome } from '../carrier.js'
import { ESME_RMSGQFUL, ESME_ROK, ESME_RTHROTTLED } from './command-status.js'
import type { SubmitSmResult } from './smpp-session.js'
import { commandStatusName } from './smpp-wire.js'

/**
 * The one place a submit_sm_resp becomes our outcome. Only the two statuses that mean "later,
 * slower" are worth retrying; every other non-zero command_status is the carrier's final word on
 * this segment.
 */
export function submitOutcomeOf(result: SubmitSmResult): SubmitOutcome {
  if (result.kind === 'unavailable') return result

  const status = result.command_status
  if (status === ESME_ROK) return { kind: 'accepted', smscMessageId: result.message_id }
  const statusName = commandStatusName(status)
  if (status === ESME_RTHROTTLED || status === ESME_RMSGQFUL) {
    return { kind: 'throttled', status, statusName }
  }
  return { kind: 'rejected', status, statusName }
}
