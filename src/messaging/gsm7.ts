import { NudgeError } from '../runtime/index.js'

/** A character outside the GSM 03.38 default alphabet and its extension table. */
export class Gsm7EncodingError extends NudgeError {
  readonly code = 'GSM7_UNENCODABLE'

  constructor(character: string, index: number) {
    const codePoint = character.codePointAt(0) ?? 0
    const hex = codePoint.toString(16).toUpperCase().padStart(4, '0')
    super(`U+${hex} at index ${index} is not in the GSM 03.38 alphabet`, {
      details: { character, index },
    })
  }
}

/** Septet data that no GSM 03.38 text can produce: a value above 0x7F, or too few octets. */
export class Gsm7DecodingError extends NudgeError {
  readonly code = 'GSM7_MALFORMED'
}

const ESCAPE = 0x1b

// The default alphabet in code order, 0x00 to 0x7F (3GPP TS 23.038 §6.2.1). Position 0x1B is the
// escape to the extension table, not a character; the placeholder there is never looked up.
const BASIC_TABLE =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'

// Characters reached through the escape, keyed by the septet that follows it (TS 23.038 §6.2.1.1).
const EXTENSION_TABLE: ReadonlyMap<number, string> = new Map([
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
])

const BASIC_CODES: ReadonlyMap<string, number> = new Map([
  ...[...BASIC_TABLE].flatMap((ch, code): [string, number][] =>
    code === ESCAPE ? [] : [[ch, code]],
  ),
  // The spec draws 0x09 as capital Ç, while the Unicode mapping file lists small ç there;
  // handsets show either, so both encode to 0x09 and 0x09 decodes to the spec's Ç.
  ['ç', 0x09],
])

const EXTENSION_CODES: ReadonlyMap<string, number> = new Map(
  [...EXTENSION_TABLE].map(([code, ch]) => [ch, code]),
)

export function isGsm7Character(ch: string): boolean {
  return gsm7SeptetCost(ch) !== 0
}

/** Septets `ch` takes in GSM-7: 1 for the default alphabet, 2 for an escaped one, 0 if none. */
export function gsm7SeptetCost(ch: string): 0 | 1 | 2 {
  if (BASIC_CODES.has(ch)) return 1
  if (EXTENSION_CODES.has(ch)) return 2
  return 0
}

/** Unpacked septets, one per byte; an extension character becomes 0x1B and its code. */
export function encodeGsm7(text: string): Uint8Array {
  const septets: number[] = []
  let index = 0

  for (const ch of text) {
    const basic = BASIC_CODES.get(ch)
    const extension = EXTENSION_CODES.get(ch)
    if (basic !== undefined) septets.push(basic)
    else if (extension !== undefined) septets.push(ESCAPE, extension)
    else throw new Gsm7EncodingError(ch, index)
    index += ch.length
  }

  return Uint8Array.from(septets)
}

/** Text from unpacked septets, one per byte. */
export function decodeGsm7(septets: Uint8Array): string {
  let text = ''

  for (let i = 0; i < septets.length; i++) {
    const septet = readSeptet(septets, i)
    if (septet !== ESCAPE) {
      text += BASIC_TABLE[septet]
      continue
    }
    i++
    const next = i < septets.length ? readSeptet(septets, i) : ESCAPE
    // A double escape is reserved for a further table and is shown as a space; a lone escape at
    // the end gets the same treatment. An escape before a code the extension table lacks shows
    // the default-alphabet character for that code instead (TS 23.038 §6.2.1.1).
    if (next === ESCAPE) text += ' '
    else text += EXTENSION_TABLE.get(next) ?? BASIC_TABLE[next]
  }

  return text
}

function readSeptet(septets: Uint8Array, index: number): number {
  const septet = septets[index] ?? 0
  if (septet > 0x7f) {
    throw new Gsm7DecodingError(`byte ${index} is 0x${septet.toString(16)}, not a septet`, {
      details: { index, value: septet },
    })
  }
  return septet
}

/**
 * Packs septets into octets, least significant bit first (TS 23.038 §6.1.2.1). `fillBits` zero
 * bits come first, so text that follows a user data header starts on a septet boundary: a
 * 6-octet header needs 1 fill bit.
 */
export function packSeptets(septets: Uint8Array, fillBits = 0): Buffer {
  assertFillBits(fillBits)
  const packed = Buffer.alloc(Math.ceil((fillBits + septets.length * 7) / 8))

  septets.forEach((septet, i) => {
    if (septet > 0x7f) throw new RangeError(`septet ${i} is 0x${septet.toString(16)}`)
    const bit = fillBits + i * 7
    const octet = bit >> 3
    const shift = bit & 7
    packed[octet] = (packed[octet] ?? 0) | ((septet << shift) & 0xff)
    if (shift > 1) packed[octet + 1] = septet >> (8 - shift)
  })

  return packed
}

/**
 * Reverses {@link packSeptets}. The septet count must come from the sender: when the last
 * octet has 7 spare bits they read the same as a trailing `@`.
 */
export function unpackSeptets(bytes: Uint8Array, septetCount: number, fillBits = 0): Uint8Array {
  assertFillBits(fillBits)
  const bitsNeeded = fillBits + septetCount * 7
  if (bytes.length * 8 < bitsNeeded) {
    throw new Gsm7DecodingError(`${septetCount} septets need more than ${bytes.length} octets`, {
      details: { septetCount, octetCount: bytes.length, fillBits },
    })
  }
  const septets = new Uint8Array(septetCount)

  for (let i = 0; i < septetCount; i++) {
    const bit = fillBits + i * 7
    const octet = bit >> 3
    const shift = bit & 7
    const pair = (bytes[octet] ?? 0) | ((bytes[octet + 1] ?? 0) << 8)
    septets[i] = (pair >> shift) & 0x7f
  }

  return septets
}

function assertFillBits(fillBits: number): void {
  if (!Number.isInteger(fillBits) || fillBits < 0 || fillBits > 6) {
    throw new RangeError(`fillBits must be an integer from 0 to 6, got ${fillBits}`)
  }
}
