/** An http(s) URL found in a text, and where it starts (UTF-16 index). */
export interface UrlMatch {
  readonly url: string
  readonly index: number
}

// A URL runs until whitespace, or a character that cannot be in a URL and often surrounds one
// in prose: angle brackets, quotes (straight and typographic), backticks, an ellipsis.
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`\u2018\u2019\u201c\u201d\u00ab\u00bb\u2026]+/gi

// Sentence punctuation right after a URL belongs to the sentence: "see https://a.example/x."
const TRAILING_PUNCTUATION = /[.,;:!?*]$/

const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' }

/**
 * Every http(s) URL in `text`, in order. Punctuation that ends the sentence is left out, and
 * so is a closing bracket without its opening one inside the URL, so
 * "(see https://shop.example/a)" gives `https://shop.example/a` while
 * `https://en.wikipedia.org/wiki/Tee_(golf)` stays whole. Candidates that do not parse as a
 * URL with a host are skipped.
 */
export function findUrls(text: string): readonly UrlMatch[] {
  const found: UrlMatch[] = []
  for (const match of text.matchAll(CANDIDATE)) {
    const url = trimEnd(match[0])
    if (isHttpUrl(url)) found.push({ url, index: match.index })
  }
  return found
}

function trimEnd(candidate: string): string {
  let url = candidate
  for (;;) {
    const last = url.at(-1) ?? ''
    const opener = CLOSERS[last]
    if (TRAILING_PUNCTUATION.test(last)) url = url.slice(0, -1)
    else if (opener !== undefined && count(url, opener) < count(url, last)) url = url.slice(0, -1)
    else return url
  }
}

function count(text: string, character: string): number {
  return text.split(character).length - 1
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}
