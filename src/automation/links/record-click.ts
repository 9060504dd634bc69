import { newId } from '../../runtime/index.js'
import type { Db, Trx } from '../../storage/index.js'
import { isBotUserAgent } from './bot-user-agents.js'

/** A short link as a redirect needs it. */
export interface Link {
  readonly code: string
  readonly storeId: string
  readonly targetUrl: string
  readonly messageId: string | null
}

/** The link behind a code, or undefined when there is none. */
export async function findLink(db: Db, code: string): Promise<Link | undefined> {
  const row = await db
    .selectFrom('links')
    .select(['code', 'store_id', 'target_url', 'message_id'])
    .where('code', '=', code)
    .executeTakeFirst()
  if (row === undefined) return undefined
  return {
    code: row.code,
    storeId: row.store_id,
    targetUrl: row.target_url,
    messageId: row.message_id,
  }
}

/** One visit of a short link, as the redirect saw it. */
export interface ClickFacts {
  readonly link: Link
  readonly nowMs: number
  readonly userAgent: string | undefined
  /** The visitor's address; only its keyed hash is stored. */
  readonly ip: string
  /** A request that cannot be a person following the link, such as a HEAD probe. */
  readonly isProbe: boolean
  /** The keyed hash that stands in for an IP address. */
  readonly hashIp: (ip: string) => string
}

/** Records a click, marked as a bot's when a preview or crawler made it. */
export async function recordClick(trx: Trx, click: ClickFacts): Promise<{ isBot: boolean }> {
  const isBot = click.isProbe || isBotUserAgent(click.userAgent)

  await trx
    .insertInto('link_clicks')
    .values({
      id: newId('clk', click.nowMs),
      code: click.link.code,
      store_id: click.link.storeId,
      message_id: click.link.messageId,
      clicked_at: click.nowMs,
      // A user agent is the visitor's software, not the visitor; capped against junk headers.
      user_agent: click.userAgent?.slice(0, 512) ?? null,
      ip_hash: click.hashIp(click.ip),
      is_bot: isBot ? 1 : 0,
    })
    .execute()

  return { isBot }
}
