import type { ReceivedPdu, WireFields } from './smpp-wire.js'

/**
 * The fields of a submit_sm or deliver_sm that we read or write. Both commands share one body
 * layout (SMPP 3.4 §4.4.1, §4.6.1), so one shape serves both directions.
 */
export interface MessagePdu {
  readonly source_addr_ton: number
  readonly source_addr_npi: number
  readonly source_addr: string
  readonly dest_addr_ton: number
  readonly dest_addr_npi: number
  readonly destination_addr: string
  readonly esm_class: number
  readonly registered_delivery: number
  readonly data_coding: number
  /** Raw user data: the UDH when esm_class has 0x40, then the encoded text. */
  readonly short_message: Buffer
  readonly receipted_message_id?: string
  readonly message_state?: number
  /** Network type octet, then a 2-octet error code. */
  readonly network_error_code?: Buffer
}

/** Reads the fields of a received submit_sm or deliver_sm; missing numbers read as 0. */
export function readMessagePdu(pdu: ReceivedPdu): MessagePdu {
  const shortMessage = pdu.buffer('short_message') ?? Buffer.alloc(0)
  // Long texts may come in the message_payload TLV instead, with sm_length 0.
  const payload = pdu.buffer('message_payload')

  return {
    source_addr_ton: pdu.number('source_addr_ton') ?? 0,
    source_addr_npi: pdu.number('source_addr_npi') ?? 0,
    source_addr: pdu.string('source_addr') ?? '',
    dest_addr_ton: pdu.number('dest_addr_ton') ?? 0,
    dest_addr_npi: pdu.number('dest_addr_npi') ?? 0,
    destination_addr: pdu.string('destination_addr') ?? '',
    esm_class: pdu.number('esm_class') ?? 0,
    registered_delivery: pdu.number('registered_delivery') ?? 0,
    data_coding: pdu.number('data_coding') ?? 0,
    short_message: shortMessage.length === 0 && payload !== undefined ? payload : shortMessage,
    receipted_message_id: pdu.string('receipted_message_id'),
    message_state: pdu.number('message_state'),
    network_error_code: pdu.buffer('network_error_code'),
  }
}

/** The fields to hand to the wire; absent TLVs are left out rather than sent empty. */
export function messagePduFields(pdu: MessagePdu): WireFields {
  const fields: Record<string, number | string | Buffer> = {}
  for (const [name, value] of Object.entries(pdu)) {
    if (typeof value === 'number' || typeof value === 'string' || Buffer.isBuffer(value)) {
      fields[name] = value
    }
  }
  return fields
}
