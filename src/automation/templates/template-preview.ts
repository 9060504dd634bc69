import {
  analyzeText,
  type Price,
  type PriceTable,
  type TextEncoding,
} from '../../messaging/index.js'
import type { TemplateProblem } from '../contracts.js'
import { findUrls, LINK_CODE_LENGTH, shortLinkUrl } from '../links/index.js'
import { longestContext, sampleContext } from './sample-contexts.js'
import type { FlowTemplateRenderer } from './template-renderer.js'
import type { TemplateFlow } from './template-variables.js'

/** A character that makes a message UCS-2, and everywhere it stands in the text. */
export interface Ucs2Occurrences {
  readonly character: string
  /** `U+2019`; several for a character made of more than one code point. */
  readonly codePoint: string
  /** 0-based UTF-16 indexes in the text, as JavaScript's `indexOf` counts. */
  readonly positions: readonly number[]
}

/** One rendering of a template, measured as it would be sent. */
export interface RenderedPreview {
  /** The text with each URL replaced by a short link of the store's form. */
  readonly text: string
  readonly encoding: TextEncoding
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  readonly units: number
  readonly unitsPerSegment: number
  readonly segmentCount: number
  readonly price: Price
  readonly ucs2Characters: readonly Ucs2Occurrences[]
}

export type TemplatePreview =
  | { readonly ok: false; readonly problems: readonly TemplateProblem[] }
  | {
      readonly ok: true
      readonly sample: RenderedPreview
      readonly longest: RenderedPreview
      /**
       * What each URL was measured as, `https://shop.example/r/XXXXXXX`; null when the store has
       * no public base URL, whose flows send links as written.
       */
      readonly shortLink: string | null
    }

export interface PreviewRequest {
  readonly template: string
  readonly flow: TemplateFlow | undefined
  /** Values laid over the built-in sample context, field by field. */
  readonly sample: Readonly<Record<string, unknown>> | undefined
  readonly storeName: string
  /** Where the message goes, for its price; the default price when unknown. */
  readonly country: string | undefined
  /** The store's public base URL, which short links are made on; null when it has none. */
  readonly baseUrl: string | null
}

/**
 * What a template gives for a realistic customer and for the longest plausible values, each
 * measured as sent: URLs replaced by short links (flows shorten every link when the store has
 * a public base URL), then encoding,
 * segments and price. An invalid template gives its problems instead. Rendering may throw
 * `TemplateRenderError` (a limit reached).
 */
export async function previewTemplate(
  deps: { readonly renderer: FlowTemplateRenderer; readonly prices: PriceTable },
  request: PreviewRequest,
): Promise<TemplatePreview> {
  const problems = deps.renderer.validate(request.template, { flow: request.flow })
  if (problems.length > 0) return { ok: false, problems }

  const { flow, storeName } = request
  const shortLink =
    request.baseUrl === null ? null : shortLinkUrl(request.baseUrl, 'X'.repeat(LINK_CODE_LENGTH))
  const measure = async (context: Readonly<Record<string, unknown>>) => {
    const rendered = await deps.renderer.render(request.template, context)
    const sent = shortLink === null ? rendered : withShortLinks(rendered, shortLink)
    return measureText(sent, deps.prices, request.country)
  }

  return {
    ok: true,
    sample: await measure(sampleContext({ flow, storeName, overrides: request.sample })),
    longest: await measure(longestContext({ flow, storeName })),
    shortLink,
  }
}

function withShortLinks(text: string, shortLink: string): string {
  let result = ''
  let copied = 0
  for (const { url, index } of findUrls(text)) {
    result += text.slice(copied, index) + shortLink
    copied = index + url.length
  }
  return result + text.slice(copied)
}

function measureText(text: string, prices: PriceTable, country: string | undefined) {
  const analysis = analyzeText(text)
  return {
    text,
    encoding: analysis.encoding,
    units: analysis.units,
    unitsPerSegment: analysis.unitsPerSegment,
    segmentCount: analysis.segmentCount,
    price: prices.priceFor(country, analysis.segmentCount),
    ucs2Characters: analysis.ucs2Characters.map(({ character }) => ({
      character,
      codePoint: [...character]
        .map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
        .join(' '),
      positions: positionsOf(text, character),
    })),
  }
}

function positionsOf(text: string, character: string): number[] {
  const positions: number[] = []
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) {
    positions.push(at)
  }
  return positions
}
