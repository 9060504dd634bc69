import { analyzeText, splitSegments } from '../../messaging/index.js'

import type { MessagePdu } from '../smpp/message-pdu.js'
import { encodeUserData } from '../smpp/submit-pdu.js'

export interface InboundPduInput {
  /** The handset: E.164 with `+`, or an alphanumeric name. */
  readonly from: string
  readonly to: string
  readonly text: string
  /** Concatenation reference shared by the parts when the text needs more than one. */
  readonly reference: number
  readonly packedGsm7: boolean
}

/**
 * The deliver_sm PDUs a handset's text arrives in: GSM-7 when every character allows it, else
 * UCS-2, split into concatenated parts like any long text.
 */
export function inboundPdus(input: InboundPduInput): MessagePdu[] {
  const { encoding } = analyzeText(input.text)
  const segments = splitSegments(input.text)
  const source = addressOf(input.from)
  const destination = addressOf(input.to)

  return segments.map((segment, i) => {
    const concat =
      segments.length === 1
        ? undefined
        : { reference: input.reference, total: segments.length, seq: i + 1 }
    return {
      source_addr_ton: source.ton,
      source_addr_npi: source.npi,
      source_addr: source.address,
      dest_addr_ton: destination.ton,
      dest_addr_npi: destination.npi,
      destination_addr: destination.address,
      registered_delivery: 0,
      ...encodeUserData(
        { encoding, payload: segment.payload, concat },
        { packedGsm7: input.packedGsm7 },
      ),
    }
  })
}

// A `+` number, or one long enough to be a full number, is international ISDN (TON 1, NPI 1),
// as carriers mark handsets; letters make an alphanumeric name (TON 5); a short code stays a
// number of unknown type.
function addressOf(value: string): { address: string; ton: number; npi: number } {
  if (value.startsWith('+')) return { address: value.slice(1), ton: 1, npi: 1 }
  if (/[^0-9]/.test(value)) return { address: value, ton: 5, npi: 0 }
  return { address: value, ton: value.length >= 8 ? 1 : 0, npi: 1 }
}
