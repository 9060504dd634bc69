import { gsm7SeptetCost } from './gsm7.js'
import { planSegments, type TextEncoding } from './segment-split.js'

/** A character that keeps a body out of GSM-7, with where it first appears. */
export interface Ucs2Character {
  readonly character: string
  /** UTF-16 code-unit index of its first occurrence, as `String.prototype.indexOf` counts. */
  readonly index: number
}

/** What a body costs to send: the figures an API shows before a message is accepted. */
export interface TextAnalysis {
  readonly encoding: TextEncoding
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  readonly units: number
  readonly segmentCount: number
  /** 160 or 70 for a single segment, 153 or 67 once the body is split. */
  readonly unitsPerSegment: number
  /** Each distinct character that forced UCS-2, in order of appearance; empty for GSM-7. */
  readonly ucs2Characters: readonly Ucs2Character[]
}

/**
 * Encoding, size and segment count of a body. The count comes from the same split that
 * `splitSegments` sends, so a quote never differs from what is billed. An empty body is
 * 0 units in 1 segment; rejecting it is the caller's job.
 */
export function analyzeText(body: string): TextAnalysis {
  const plan = planSegments(body)

  return {
    encoding: plan.encoding,
    units: plan.units,
    segmentCount: plan.texts.length,
    unitsPerSegment: plan.unitsPerSegment,
    ucs2Characters: plan.encoding === 'UCS-2' ? findUcs2Characters(body) : [],
  }
}

function findUcs2Characters(body: string): readonly Ucs2Character[] {
  const found = new Map<string, number>()
  let index = 0

  for (const character of body) {
    if (gsm7SeptetCost(character) === 0 && !found.has(character)) found.set(character, index)
    index += character.length
  }

  return [...found].map(([character, firstIndex]) => ({ character, index: firstIndex }))
}
