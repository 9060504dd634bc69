import { encodeGsm7, gsm7SeptetCost } from './gsm7.js'

export type TextEncoding = 'GSM-7' | 'UCS-2'

/** One `submit_sm` worth of a message. */
export interface Segment {
  readonly text: string
  /**
   * GSM-7: unpacked septets, one per byte, escapes included. UCS-2: UTF-16 big-endian bytes.
   * Neither carries the concatenation header; the carrier adapter adds it.
   */
  readonly payload: Buffer
}

/** How a body divides into segments, before any bytes are produced. */
export interface SegmentPlan {
  readonly encoding: TextEncoding
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  readonly units: number
  readonly unitsPerSegment: number
  readonly texts: readonly string[]
}

// A lone message has the whole 140-octet user data. A concatenated part gives 6 octets to the
// header, leaving 153 septets or 67 UTF-16 code units (TS 23.038 §6.1.2.1, TS 23.040 §9.2.3.24.1).
const LIMITS = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
} as const

/** Splits a body into the segments it is sent as. */
export function splitSegments(body: string): readonly Segment[] {
  const plan = planSegments(body)
  return plan.texts.map((text) => ({ text, payload: encodePayload(text, plan.encoding) }))
}

/**
 * Decides encoding and part boundaries. Characters are whole code points, so a part never ends
 * between the two halves of a surrogate pair, nor between an escape and the septet it escapes:
 * a handset would show garbage at both sides of such a cut.
 */
export function planSegments(body: string): SegmentPlan {
  const characters = [...body]
  const isGsm7 = characters.every((ch) => gsm7SeptetCost(ch) !== 0)
  const encoding: TextEncoding = isGsm7 ? 'GSM-7' : 'UCS-2'
  const costs = characters.map((ch) => (isGsm7 ? gsm7SeptetCost(ch) : ch.length))
  const units = costs.reduce((sum, cost) => sum + cost, 0)
  const limits = LIMITS[encoding]

  if (units <= limits.single) {
    return { encoding, units, unitsPerSegment: limits.single, texts: [body] }
  }

  const texts: string[] = []
  let text = ''
  let textUnits = 0
  characters.forEach((ch, i) => {
    const cost = costs[i] ?? 0
    if (textUnits + cost > limits.part) {
      texts.push(text)
      text = ''
      textUnits = 0
    }
    text += ch
    textUnits += cost
  })
  texts.push(text)

  return { encoding, units, unitsPerSegment: limits.part, texts }
}

function encodePayload(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'GSM-7') return Buffer.from(encodeGsm7(text))
  return Buffer.from(text, 'utf16le').swap16()
}
