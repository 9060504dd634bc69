import { packSeptets } from '../../messaging/index.js'

import type { OutboundSegment } from '../carrier.js'
import { InvalidSegmentError } from '../errors.js'
import type { MessagePdu } from './message-pdu.js'

/** How one carrier wants GSM-7 on the wire. */
export interface SubmitProfile {
  /** Pack septets 7 bits each instead of one per octet (data_coding 0 either way). */
  readonly packedGsm7: boolean
}

const UDH_INDICATOR = 0x40
const DATA_CODING = { 'GSM-7': 0x00, 'UCS-2': 0x08 } as const
/** short_message has a 1-octet length; SMPP 3.4 caps it at 254. */
const MAX_SHORT_MESSAGE_OCTETS = 254

/**
 * The submit_sm for one segment. The recipient goes out without `+` as an international ISDN
 * number (TON 1, NPI 1); a concatenated segment gets the 8-bit-reference header
 * `05 00 03 ref total seq` and esm_class 0x40 (TS 23.040 §9.2.3.24.1).
 */
export function buildSubmitSm(segment: OutboundSegment, profile: SubmitProfile): MessagePdu {
  const destination = segment.recipient.replace(/^\+/, '')
  if (!/^[0-9]{1,15}$/.test(destination)) {
    throw new InvalidSegmentError('recipient is not an E.164 number', {
      details: { problem: 'recipient' },
    })
  }
  if (!/^[\x20-\x7e]{1,20}$/.test(segment.sender.address)) {
    throw new InvalidSegmentError('sender must be 1 to 20 printable ASCII characters', {
      details: { problem: 'sender' },
    })
  }

  return {
    source_addr_ton: segment.sender.ton,
    source_addr_npi: segment.sender.npi,
    source_addr: segment.sender.address,
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    destination_addr: destination,
    registered_delivery: segment.requestReceipt ? 0x01 : 0x00,
    ...encodeUserData(segment, profile),
  }
}

/** esm_class, data_coding and short_message for a segment's text; deliver_sm uses them too. */
export function encodeUserData(
  segment: Pick<OutboundSegment, 'encoding' | 'payload' | 'concat'>,
  profile: SubmitProfile,
): Pick<MessagePdu, 'esm_class' | 'data_coding' | 'short_message'> {
  const header = segment.concat === undefined ? undefined : concatHeader(segment.concat)
  const shortMessage = userData(segment, header, profile)
  if (shortMessage.length > MAX_SHORT_MESSAGE_OCTETS) {
    throw new InvalidSegmentError('segment is longer than short_message allows', {
      details: { octets: shortMessage.length, maxOctets: MAX_SHORT_MESSAGE_OCTETS },
    })
  }

  return {
    esm_class: header === undefined ? 0x00 : UDH_INDICATOR,
    data_coding: DATA_CODING[segment.encoding],
    short_message: shortMessage,
  }
}

function concatHeader(concat: NonNullable<OutboundSegment['concat']>): Buffer {
  const { reference, total, seq } = concat
  const isValid =
    isOctet(reference) && isOctet(total) && total >= 1 && Number.isInteger(seq) && seq >= 1
  if (!isValid || seq > total) {
    throw new InvalidSegmentError('concatenation reference, total or seq out of range', {
      details: { problem: 'concat', reference, total, seq },
    })
  }

  return Buffer.from([0x05, 0x00, 0x03, reference, total, seq])
}

function isOctet(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xff
}

const CR = 0x0d

// Packed septets after a header start on the next septet boundary: 1 fill bit after the
// 6-octet header (48 bits + 1 = 7 septets). When the last octet would end with 7 spare bits,
// the receiver would read them as a trailing `@`, so they carry CR instead, which handsets
// ignore there (TS 23.038 §6.1.2.3.1).
function userData(
  segment: Pick<OutboundSegment, 'encoding' | 'payload'>,
  header: Buffer | undefined,
  profile: SubmitProfile,
): Buffer {
  const headerOctets = header ?? Buffer.alloc(0)
  if (segment.encoding === 'GSM-7' && segment.payload.some((septet) => septet > 0x7f)) {
    throw new InvalidSegmentError('GSM-7 payload holds an octet above 0x7F', {
      details: { problem: 'payload' },
    })
  }
  if (segment.encoding !== 'GSM-7' || !profile.packedGsm7) {
    return Buffer.concat([headerOctets, segment.payload])
  }

  const fillBits = (7 - ((headerOctets.length * 8) % 7)) % 7
  const spareBits = (8 - ((fillBits + segment.payload.length * 7) % 8)) % 8
  const septets =
    spareBits === 7 ? Buffer.concat([segment.payload, Buffer.from([CR])]) : segment.payload
  return Buffer.concat([headerOctets, packSeptets(septets, fillBits)])
}
