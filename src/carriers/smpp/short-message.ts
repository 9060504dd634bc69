import { decodeGsm7, unpackSeptets } from '../../messaging/index.js'

import type { MessagePdu } from './message-pdu.js'

/** The concatenation element of a user data header: which part of which message this is. */
export interface ConcatInfo {
  readonly reference: number
  readonly total: number
  /** 1-based. */
  readonly seq: number
}

/** short_message split into its user data header (when esm_class says one is there) and body. */
export interface UserData {
  readonly header?: Buffer
  readonly body: Buffer
  readonly concat?: ConcatInfo
}

const UDH_INDICATOR = 0x40

export function hasUserDataHeader(esmClass: number): boolean {
  return (esmClass & UDH_INDICATOR) !== 0
}

export function splitUserData(shortMessage: Buffer, hasHeader: boolean): UserData {
  const headerLength = shortMessage[0]
  // A header length running past the data means the flag lied; keep every byte as text.
  if (!hasHeader || headerLength === undefined || headerLength + 1 > shortMessage.length) {
    return { body: shortMessage }
  }

  const header = shortMessage.subarray(0, headerLength + 1)
  return {
    header,
    body: shortMessage.subarray(headerLength + 1),
    concat: findConcat(header),
  }
}

// Walks the information elements after the length octet: IEI, length, data. Element 0x00 is
// concatenation with an 8-bit reference, 0x08 the same with a 16-bit one (TS 23.040 §9.2.3.24).
function findConcat(header: Buffer): ConcatInfo | undefined {
  for (let at = 1; at + 1 < header.length; at += 2 + (header[at + 1] ?? 0)) {
    const id = header[at]
    const length = header[at + 1] ?? 0
    if (at + 2 + length > header.length) return undefined
    if (id === 0x00 && length === 3) {
      return { reference: header[at + 2]!, total: header[at + 3]!, seq: header[at + 4]! }
    }
    if (id === 0x08 && length === 4) {
      return {
        reference: header.readUInt16BE(at + 2),
        total: header[at + 4]!,
        seq: header[at + 5]!,
      }
    }
  }
  return undefined
}

type Alphabet = 'gsm7' | 'ascii' | 'latin1' | 'ucs2' | 'cyrillic' | 'hebrew' | 'octets'

/**
 * The alphabet a data_coding value names. 0x00–0x0F are SMPP's own values; above that the value
 * is a GSM data coding scheme whose alphabet sits in different bits per group, so masking the
 * low nibble (as the smpp package does) misreads 0xF0-group values (TS 23.038 §4).
 */
function alphabetOf(dataCoding: number): Alphabet {
  if (dataCoding < 0x10) return SMPP_ALPHABETS[dataCoding] ?? 'octets'
  if (dataCoding < 0x40) {
    if ((dataCoding & 0x20) !== 0) return 'octets' // compressed
    return GSM_ALPHABETS[(dataCoding >> 2) & 0x03] ?? 'octets'
  }
  if (dataCoding >= 0xc0 && dataCoding < 0xe0) return 'gsm7' // message waiting, GSM-7
  if (dataCoding >= 0xe0 && dataCoding < 0xf0) return 'ucs2' // message waiting, UCS-2
  if (dataCoding >= 0xf0) return (dataCoding & 0x04) === 0 ? 'gsm7' : 'octets'
  return 'octets'
}

const SMPP_ALPHABETS: readonly (Alphabet | undefined)[] = [
  'gsm7', // 0x00 SMSC default, which every carrier we know means as GSM 03.38
  'ascii', // 0x01 IA5
  'octets', // 0x02 8-bit binary
  'latin1', // 0x03
  'octets', // 0x04 8-bit binary
  undefined, // 0x05 JIS
  'cyrillic', // 0x06 ISO-8859-5
  'hebrew', // 0x07 ISO-8859-8
  'ucs2', // 0x08
]

const GSM_ALPHABETS: readonly Alphabet[] = ['gsm7', 'octets', 'ucs2', 'octets']

export interface DecodeOptions {
  /** The carrier packs GSM-7 septets (7 bits each) instead of sending one per octet. */
  readonly packedGsm7: boolean
}

/** The text of a submit_sm or deliver_sm, and its concatenation data when it is one part. */
export function decodeShortMessage(
  pdu: Pick<MessagePdu, 'esm_class' | 'data_coding' | 'short_message'>,
  options: DecodeOptions,
): { text: string; concat?: ConcatInfo } {
  const userData = splitUserData(pdu.short_message, hasUserDataHeader(pdu.esm_class))
  const text = decodeBody(userData, alphabetOf(pdu.data_coding), options)
  return userData.concat === undefined ? { text } : { text, concat: userData.concat }
}

function decodeBody(userData: UserData, alphabet: Alphabet, options: DecodeOptions): string {
  const { body } = userData

  switch (alphabet) {
    case 'gsm7':
      return options.packedGsm7 ? decodePackedGsm7(userData) : decodeUnpackedGsm7(body)
    case 'ucs2':
      // Odd lengths are malformed; the stray last octet is dropped.
      return Buffer.from(body.subarray(0, body.length & ~1))
        .swap16()
        .toString('utf16le')
    case 'ascii':
      return body.toString('ascii')
    case 'cyrillic':
      return new TextDecoder('iso-8859-5').decode(body)
    case 'hebrew':
      return new TextDecoder('iso-8859-8').decode(body)
    default:
      // Limitation: binary and the Japanese/Korean codings are read as Latin-1, so the text is
      // only as good as that guess.
      return body.toString('latin1')
  }
}

function decodeUnpackedGsm7(body: Buffer): string {
  // Some SMSCs put Latin-1 under data_coding 0; an octet above 0x7F cannot be a septet.
  if (body.some((octet) => octet > 0x7f)) return body.toString('latin1')
  return decodeGsm7(body)
}

// The septets start after the header and enough fill bits to reach a septet boundary. The
// septet count is not on the wire: when the last octet ends with 7 spare bits they read as a
// septet, which the sender fills with CR (TS 23.038 §6.1.2.3.1) or leaves as 0.
function decodePackedGsm7(userData: UserData): string {
  const headerBits = (userData.header?.length ?? 0) * 8
  const fillBits = (7 - (headerBits % 7)) % 7
  const bits = userData.body.length * 8 - fillBits
  if (bits < 7) return ''
  const septets = unpackSeptets(userData.body, Math.floor(bits / 7), fillBits)

  const last = septets[septets.length - 1]
  const endsWithPadding = bits % 7 === 0 && (last === 0x00 || last === 0x0d)
  // Limitation: a real `@` (or CR) as the last character, landing exactly on a spare slot, is
  // dropped too.
  return decodeGsm7(endsWithPadding ? septets.subarray(0, -1) : septets)
}
