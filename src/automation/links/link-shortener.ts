import type { Trx } from '../../storage/index.js'
import type { LinkShortener } from '../contracts.js'
import { findUrls } from './find-urls.js'
import { newLinkCode } from './link-code.js'

// With 3.5 × 10^12 codes a clash is rare; several in a row mean something else is wrong.
const MAX_CODE_ATTEMPTS = 5

/** The address a short link has: `https://shop.example/r/Ab3dE9x`. */
export function shortLinkUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/r/${code}`
}

/**
 * Replaces each http(s) URL in a text with a short link on `baseUrl`, storing one link per
 * distinct URL (a URL written twice gets one code). URLs that already are short links on the
 * same base are left alone, so shortening twice changes nothing.
 */
export function createLinkShortener(): LinkShortener {
  return {
    async shorten(trx, args) {
      const ownPrefix = shortLinkUrl(args.baseUrl, '')
      const codes = new Map<string, string>()
      let text = ''
      let copied = 0

      for (const { url, index } of findUrls(args.text)) {
        if (url.startsWith(ownPrefix)) continue
        let code = codes.get(url)
        if (code === undefined) {
          code = await insertLink(trx, { ...args, targetUrl: url })
          codes.set(url, code)
        }
        text += args.text.slice(copied, index) + shortLinkUrl(args.baseUrl, code)
        copied = index + url.length
      }

      return { text: text + args.text.slice(copied), codes: [...codes.values()] }
    },
  }
}

async function insertLink(
  trx: Trx,
  link: {
    readonly storeId: string
    readonly targetUrl: string
    readonly messageId: string | null
    readonly flowRunId: string | null
    readonly nowMs: number
  },
): Promise<string> {
  for (let attempt = 1; attempt <= MAX_CODE_ATTEMPTS; attempt++) {
    // A clash is skipped rather than raised: on PostgreSQL a failed insert would abort the
    // whole transaction, and with it the message being stored.
    const inserted = await trx
      .insertInto('links')
      .values({
        code: newLinkCode(),
        store_id: link.storeId,
        target_url: link.targetUrl,
        message_id: link.messageId,
        flow_run_id: link.flowRunId,
        created_at: link.nowMs,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .executeTakeFirst()
    if (inserted !== undefined) return inserted.code
  }
  throw new Error(`no free link code after ${MAX_CODE_ATTEMPTS} attempts`)
}
