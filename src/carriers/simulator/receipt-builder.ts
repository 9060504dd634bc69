import { analyzeText, encodeGsm7, isGsm7Character } from '../../messaging/index.js'

import type { MessagePdu } from '../smpp/message-pdu.js'

/** What a simulated handset makes of a message. */
export type SimulatedOutcome = 'delivered' | 'undelivered' | 'expired' | 'rejected'

/** message_state names (SMPP 3.4 §5.2.28, plus SCHEDULED and SKIPPED from 5.0). */
export const MESSAGE_STATES = {
  SCHEDULED: { value: 0, stat: 'SCHEDLD' },
  ENROUTE: { value: 1, stat: 'ENROUTE' },
  DELIVERED: { value: 2, stat: 'DELIVRD' },
  EXPIRED: { value: 3, stat: 'EXPIRED' },
  DELETED: { value: 4, stat: 'DELETED' },
  UNDELIVERABLE: { value: 5, stat: 'UNDELIV' },
  ACCEPTED: { value: 6, stat: 'ACCEPTD' },
  UNKNOWN: { value: 7, stat: 'UNKNOWN' },
  REJECTED: { value: 8, stat: 'REJECTD' },
  SKIPPED: { value: 9, stat: 'SKIPPED' },
} as const

export type MessageStateName = keyof typeof MESSAGE_STATES

// The err codes are the simulator's own choice, shaped like the ones carriers send.
const OUTCOMES: Readonly<Record<SimulatedOutcome, { state: MessageStateName; err: string }>> = {
  delivered: { state: 'DELIVERED', err: '000' },
  undelivered: { state: 'UNDELIVERABLE', err: '001' },
  expired: { state: 'EXPIRED', err: '000' },
  rejected: { state: 'REJECTED', err: '011' },
}

export function outcomeState(outcome: SimulatedOutcome): { state: MessageStateName; err: string } {
  return OUTCOMES[outcome]
}

export interface ReceiptTextInput {
  readonly smscMessageId: string
  readonly submittedAtMs: number
  readonly doneAtMs: number
  readonly state: MessageStateName
  readonly err: string
  /** The message text; its first 20 characters are echoed. */
  readonly text: string
}

/** The Appendix B layout: `id:… sub:001 dlvrd:… submit date:… done date:… stat:… err:… text:…` */
export function receiptText(input: ReceiptTextInput): string {
  const delivered = input.state === 'DELIVERED' ? '001' : '000'
  // Only GSM characters fit the GSM-coded receipt; others show as `?`.
  const excerpt = [...input.text]
    .slice(0, 20)
    .map((ch) => (isGsm7Character(ch) ? ch : '?'))
    .join('')

  return (
    `id:${input.smscMessageId} sub:001 dlvrd:${delivered} ` +
    `submit date:${receiptDate(input.submittedAtMs)} done date:${receiptDate(input.doneAtMs)} ` +
    `stat:${MESSAGE_STATES[input.state].stat} err:${input.err} text:${excerpt}`
  )
}

/** `YYMMDDhhmm` in UTC. */
export function receiptDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d).*$/, '$1$2$3$4$5')
}

export interface ReceiptPduInput {
  /** The handset the message went to, which the receipt comes from. */
  readonly recipient: string
  /** The sender of the message, which the receipt goes back to. */
  readonly sender: string
  readonly text: string
  /** receipted_message_id and message_state TLVs, when wanted. */
  readonly tlvs?: { smscMessageId: string; state: MessageStateName; networkErrorCode?: number }
}

/** A deliver_sm carrying a receipt (esm_class 0x04), text GSM-coded where it can be. */
export function receiptPdu(input: ReceiptPduInput): MessagePdu {
  const isGsm7 = analyzeText(input.text).encoding === 'GSM-7'
  const pdu: MessagePdu = {
    source_addr_ton: 1,
    source_addr_npi: 1,
    source_addr: input.recipient,
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    destination_addr: input.sender,
    esm_class: 0x04,
    registered_delivery: 0,
    data_coding: isGsm7 ? 0x00 : 0x08,
    short_message: isGsm7
      ? Buffer.from(encodeGsm7(input.text))
      : Buffer.from(input.text, 'utf16le').swap16(),
  }
  if (input.tlvs === undefined) return pdu

  const { smscMessageId, state, networkErrorCode } = input.tlvs
  return {
    ...pdu,
    receipted_message_id: smscMessageId,
    message_state: MESSAGE_STATES[state].value,
    ...(networkErrorCode === undefined
      ? {}
      : {
          network_error_code: Buffer.from([0x03, networkErrorCode >> 8, networkErrorCode & 0xff]),
        }),
  }
}
