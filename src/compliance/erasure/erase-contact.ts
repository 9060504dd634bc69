import type { MessageRow } from '../../messaging/index.js'
import { newId } from '../../runtime/index.js'
import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import { cancelPendingMessages } from '../consent/cancel-pending.js'
import { recordConsent, type ConsentDeps } from '../consent/record-consent.js'
import { eraseStoreRecords } from './erase-store-records.js'
import type { KeyedHasher } from './keyed-hasher.js'

export interface ErasureSummary {
  /** What now stands for the number everywhere. */
  readonly phoneHash: string
  readonly messages: number
  readonly consentRecords: number
  readonly decisions: number
  readonly erasedAtMs: number
}

/** Ids per `in (…)` list, well under every database's parameter limit. */
const CHUNK = 500

/**
 * Erases what a store holds about one recipient. Numbers become their keyed hash and message
 * bodies theirs; caller metadata goes; consent evidence loses the IP address, the user agent
 * and the query of the page URL; the contact loses its zone and address, and the store's
 * checkouts, orders and shipments lose the name, email and cart link. What remains keeps
 * counts, prices and statuses for the store's reports, and the consent state under the hash.
 *
 * Erasure first records an opt-out of promotions, since the consent behind them can no longer
 * be shown, and stops every message still waiting for the number (it could not be delivered to
 * a hash). So no erasure ever lets a promotion through again: a later one to the same number
 * finds the hashed opt-out and is suppressed as OPTED_OUT until the recipient opts in anew.
 */
export async function eraseContact(
  trx: Trx,
  deps: ConsentDeps,
  args: { readonly store: Store; readonly phone: string; readonly nowMs: number },
): Promise<ErasureSummary> {
  const { store, phone, nowMs } = args
  const phoneHash = deps.hasher.phone(phone)

  await recordConsent(trx, deps, {
    store,
    change: {
      phone,
      action: 'opt_out',
      scope: 'marketing',
      source: 'api',
      evidence: {
        wording: 'personal data erased at the store’s request',
        pageUrl: null,
        ip: null,
        userAgent: null,
        collectedAtMs: nowMs,
      },
    },
    nowMs,
  })
  await cancelPendingMessages(trx, {
    store,
    phone,
    scope: 'all',
    nowMs,
    webhookLifetimeMs: deps.webhookLifetimeMs,
  })

  const messages = await eraseMessages(trx, { storeId: store.id, phone, hasher: deps.hasher })
  const consentRecords = await eraseConsentRecords(trx, { storeId: store.id, phone, phoneHash })
  const decisions = await trx
    .updateTable('gate_decisions')
    .set({ phone: phoneHash })
    .where('store_id', '=', store.id)
    .where('phone', '=', phone)
    .executeTakeFirst()
  await eraseContactRow(trx, { storeId: store.id, phone, phoneHash, nowMs })
  await eraseStoreRecords(trx, { storeId: store.id, phone, phoneHash, nowMs })

  const summary: ErasureSummary = {
    phoneHash,
    messages,
    consentRecords,
    decisions: Number(decisions.numUpdatedRows),
    erasedAtMs: nowMs,
  }
  await trx
    .insertInto('contact_erasures')
    .values({
      id: newId('era', nowMs),
      store_id: store.id,
      phone_hash: phoneHash,
      messages: summary.messages,
      consent_events: summary.consentRecords,
      decisions: summary.decisions,
      created_at: nowMs,
    })
    .execute()
  return summary
}

async function eraseMessages(
  trx: Trx,
  args: { storeId: string; phone: string; hasher: KeyedHasher },
): Promise<number> {
  const { storeId, phone, hasher } = args
  const rows = (await trx
    .selectFrom('messages')
    .selectAll()
    .where('store_id', '=', storeId)
    .where((eb) =>
      eb.or([
        eb.and([eb('direction', '=', 'outbound'), eb('recipient', '=', phone)]),
        eb.and([eb('direction', '=', 'inbound'), eb('sender', '=', phone)]),
      ]),
    )
    .execute()) as MessageRow[]

  const erased = new Map<string, { to: string; from: string; body: string }>()
  for (const row of rows) {
    const isOutbound = row.direction === 'outbound'
    const change = {
      recipient: isOutbound ? hasher.phone(phone) : row.recipient,
      sender: isOutbound ? row.sender : hasher.phone(phone),
      body: hasher.text(row.body),
      metadata: null,
    }
    await trx.updateTable('messages').set(change).where('id', '=', row.id).execute()
    erased.set(row.id, { to: change.recipient, from: change.sender, body: change.body })
  }

  // The event log holds each announced state of a message as it was shown then.
  const ids = [...erased.keys()]
  for (let i = 0; i < ids.length; i += CHUNK) {
    const events = await trx
      .selectFrom('message_events')
      .select(['id', 'message_id', 'payload'])
      .where('message_id', 'in', ids.slice(i, i + CHUNK))
      .execute()
    for (const event of events) {
      const payload = JSON.parse(event.payload) as { data: Record<string, unknown> }
      payload.data = { ...payload.data, ...erased.get(event.message_id), metadata: null }
      await trx
        .updateTable('message_events')
        .set({ payload: JSON.stringify(payload) })
        .where('id', '=', event.id)
        .execute()
    }
  }
  return rows.length
}

async function eraseConsentRecords(
  trx: Trx,
  args: { storeId: string; phone: string; phoneHash: string },
): Promise<number> {
  const rows = await trx
    .selectFrom('consent_events')
    .select(['id', 'page_url'])
    .where('store_id', '=', args.storeId)
    .where('phone', '=', args.phone)
    .execute()
  for (const row of rows) {
    await trx
      .updateTable('consent_events')
      .set({
        phone: args.phoneHash,
        ip: null,
        user_agent: null,
        page_url: withoutQuery(row.page_url),
      })
      .where('id', '=', row.id)
      .execute()
  }
  return rows.length
}

/**
 * The contact moves under the hash without its zone and address. A hashed contact left from
 * an earlier erasure goes: the contact under the number started from its state, so the newer
 * state already includes it.
 */
async function eraseContactRow(
  trx: Trx,
  args: { storeId: string; phone: string; phoneHash: string; nowMs: number },
): Promise<void> {
  await trx
    .deleteFrom('contacts')
    .where('store_id', '=', args.storeId)
    .where('phone', '=', args.phoneHash)
    .execute()
  await trx
    .updateTable('contacts')
    .set({
      phone: args.phoneHash,
      pending_opt_in: null,
      time_zone: null,
      shipping_country: null,
      shipping_province: null,
      shipping_zip: null,
      erased_at: args.nowMs,
      updated_at: args.nowMs,
    })
    .where('store_id', '=', args.storeId)
    .where('phone', '=', args.phone)
    .execute()
}

/** A page URL keeps its origin and path; its query and fragment may name the person. */
function withoutQuery(url: string | null): string | null {
  if (url === null) return null
  try {
    const parsed = new URL(url)
    return `${parsed.origin}${parsed.pathname}`
  } catch {
    return null
  }
}
