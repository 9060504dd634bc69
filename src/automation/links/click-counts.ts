import type { Db } from '../../storage/index.js'

/** A message's clicks by people (link previews and crawlers left out). */
export interface MessageClicks {
  readonly messageId: string
  readonly clicks: number
  /** Distinct visitors, told apart by the hash of their IP address. */
  readonly uniqueClicks: number
  readonly firstClickedAtMs: number
}

/** A store's click figures over a period. */
export interface ClickTotals {
  readonly clicks: number
  readonly uniqueClicks: number
  /** Fetches by link previews and crawlers, counted apart. */
  readonly botClicks: number
  /** Messages clicked at least once by a person. */
  readonly clickedMessages: number
}

/**
 * Each message of the store whose links people clicked between `fromMs` (included) and `toMs`
 * (excluded), by message id.
 */
export async function uniqueClicksByMessage(
  db: Db,
  storeId: string,
  fromMs: number,
  toMs: number,
): Promise<readonly MessageClicks[]> {
  const rows = await db
    .selectFrom('link_clicks')
    .select((eb) => [
      'message_id',
      eb.fn.countAll().as('clicks'),
      eb.fn.count('ip_hash').distinct().as('unique_clicks'),
      eb.fn.min('clicked_at').as('first_clicked_at'),
    ])
    .where('store_id', '=', storeId)
    .where('clicked_at', '>=', fromMs)
    .where('clicked_at', '<', toMs)
    .where('is_bot', '=', 0)
    .where('message_id', 'is not', null)
    .groupBy('message_id')
    .orderBy('message_id')
    .execute()

  return rows.map((row) => ({
    messageId: String(row.message_id),
    clicks: Number(row.clicks),
    uniqueClicks: Number(row.unique_clicks),
    firstClickedAtMs: Number(row.first_clicked_at),
  }))
}

/** The store's clicks between `fromMs` (included) and `toMs` (excluded). */
export async function countClicks(
  db: Db,
  storeId: string,
  fromMs: number,
  toMs: number,
): Promise<ClickTotals> {
  const inPeriod = db
    .selectFrom('link_clicks')
    .where('store_id', '=', storeId)
    .where('clicked_at', '>=', fromMs)
    .where('clicked_at', '<', toMs)
  const people = await inPeriod
    .where('is_bot', '=', 0)
    .select((eb) => [
      eb.fn.countAll().as('clicks'),
      eb.fn.count('ip_hash').distinct().as('unique_clicks'),
      eb.fn.count('message_id').distinct().as('clicked_messages'),
    ])
    .executeTakeFirstOrThrow()
  const bots = await inPeriod
    .where('is_bot', '=', 1)
    .select((eb) => eb.fn.countAll().as('clicks'))
    .executeTakeFirstOrThrow()

  return {
    clicks: Number(people.clicks),
    uniqueClicks: Number(people.unique_clicks),
    botClicks: Number(bots.clicks),
    clickedMessages: Number(people.clicked_messages),
  }
}
