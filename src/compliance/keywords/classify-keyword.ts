/** The languages Nudge has default keyword replies in. */
export type KeywordLanguage = 'en' | 'fr' | 'es' | 'de'

/**
 * What a keyword asks for. `confirm` is YES, which only means something as the answer to a
 * double opt-in request.
 */
export type KeywordKind = 'opt_out' | 'opt_in' | 'confirm' | 'help'

export interface KeywordMatch {
  readonly kind: KeywordKind
  /** The keyword as listed here, e.g. `STOP`, `ARRET`. */
  readonly keyword: string
  readonly language: KeywordLanguage
}

/** Keywords written without accents or spaces; see {@link normalize}. */
const KEYWORDS: Readonly<Record<string, Omit<KeywordMatch, 'keyword'>>> = {
  STOP: { kind: 'opt_out', language: 'en' },
  STOPALL: { kind: 'opt_out', language: 'en' },
  UNSUBSCRIBE: { kind: 'opt_out', language: 'en' },
  CANCEL: { kind: 'opt_out', language: 'en' },
  END: { kind: 'opt_out', language: 'en' },
  QUIT: { kind: 'opt_out', language: 'en' },
  OPTOUT: { kind: 'opt_out', language: 'en' },
  REVOKE: { kind: 'opt_out', language: 'en' },
  ARRET: { kind: 'opt_out', language: 'fr' },
  ALTO: { kind: 'opt_out', language: 'es' },
  PARAR: { kind: 'opt_out', language: 'es' },
  BAJA: { kind: 'opt_out', language: 'es' },
  STOPP: { kind: 'opt_out', language: 'de' },
  ABMELDEN: { kind: 'opt_out', language: 'de' },
  START: { kind: 'opt_in', language: 'en' },
  UNSTOP: { kind: 'opt_in', language: 'en' },
  YES: { kind: 'confirm', language: 'en' },
  HELP: { kind: 'help', language: 'en' },
  INFO: { kind: 'help', language: 'en' },
  AIDE: { kind: 'help', language: 'fr' },
  AYUDA: { kind: 'help', language: 'es' },
  HILFE: { kind: 'help', language: 'de' },
}

/**
 * Short courtesies people wrap a keyword in ("stop please", "Stop, merci"), as word sequences
 * after {@link normalize}. Anything else around the keyword makes the text an ordinary message.
 */
const COURTESIES: readonly (readonly string[])[] = [
  ['PLEASE'],
  ['PLS'],
  ['PLZ'],
  ['THANKS'],
  ['THANK', 'YOU'],
  ['THX'],
  ['TY'],
  ['MERCI'],
  ['MERCI', 'BEAUCOUP'],
  ['SVP'],
  ['STP'],
  ['S', 'IL', 'VOUS', 'PLAIT'],
  ['GRACIAS'],
  ['MUCHAS', 'GRACIAS'],
  ['POR', 'FAVOR'],
  ['BITTE'],
  ['DANKE'],
  ['DANKE', 'SCHON'],
  ['VIELEN', 'DANK'],
]

const COURTESIES_LONGEST_FIRST = [...COURTESIES].sort((a, b) => b.length - a.length)

/** At most this many courtesies around one keyword: "stop please thanks" still counts. */
const MAX_COURTESIES = 2

/**
 * Reads an inbound text as a keyword, or returns undefined for an ordinary message. A keyword
 * must be the whole text, in any case, with or without accents (ARRÊT, ARRET), surrounded by
 * nothing but spaces, punctuation, emoji and at most two short courtesies. So "Stop.",
 * "STOP!!", "stop please" and "Stop, merci" opt out, while "don't stop my order" and "please
 * stop sending me the wrong size" are messages for the store. Multi-word spellings of a
 * keyword ("opt out", "stop all") read as the keyword.
 */
export function classifyKeyword(text: string): KeywordMatch | undefined {
  if (text.length > 160) return undefined
  let words = normalize(text)

  for (let stripped = 0; stripped <= MAX_COURTESIES; stripped++) {
    const joined = words.join('')
    const found = KEYWORDS[joined]
    if (found !== undefined && words.length <= 2) return { ...found, keyword: joined }
    if (stripped === MAX_COURTESIES) break

    const trimmed = withoutCourtesy(words)
    if (trimmed === undefined) return undefined
    words = trimmed
  }
  return undefined
}

/**
 * Upper case without accents, split into words of letters and digits; everything else
 * (spaces, punctuation, apostrophes, emoji) separates words. Full-width letters fold to ASCII.
 */
function normalize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
}

/** The words with one courtesy taken off the end, or else off the start; undefined if none. */
function withoutCourtesy(words: readonly string[]): string[] | undefined {
  for (const courtesy of COURTESIES_LONGEST_FIRST) {
    if (courtesy.length >= words.length) continue
    const tail = words.slice(words.length - courtesy.length)
    if (tail.every((word, i) => word === courtesy[i])) return words.slice(0, -courtesy.length)
  }
  for (const courtesy of COURTESIES_LONGEST_FIRST) {
    if (courtesy.length >= words.length) continue
    const head = words.slice(0, courtesy.length)
    if (head.every((word, i) => word === courtesy[i])) return words.slice(courtesy.length)
  }
  return undefined
}
