import {
  databaseKindOf,
  PreparedQuery,
  type ConsentEventTable,
  type ContactTable,
  type Db,
  type Placeholder,
  type Trx,
} from '../../storage/index.js'
import type { KeyedHasher } from '../erasure/keyed-hasher.js'
import type { ConsentRecord } from './consent-record.js'
import { newContact, toContact, toContactRow, type Contact } from './contact.js'

/** The contact stored under this number, or undefined; erased contacts are not found. */
export async function findContact(
  db: Db | Trx,
  storeId: string,
  phone: string,
): Promise<Contact | undefined> {
  const row = await db
    .selectFrom('contacts')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('phone', '=', phone)
    .executeTakeFirst()
  return row === undefined ? undefined : toContact(row)
}

interface ContactKey {
  readonly storeId: string
  readonly phone: string
  readonly phoneHash: string
}

/**
 * The row whose consent applies to a number: the contact under the number itself, or, when
 * there is none, the erased contact under the number's hash, whose opt-out still holds.
 */
export async function findContactRow(
  trx: Trx,
  args: ContactKey,
): Promise<ContactTable | undefined> {
  const rows = await trx
    .selectFrom('contacts')
    .selectAll()
    .where('store_id', '=', args.storeId)
    .where('phone', 'in', [args.phone, args.phoneHash])
    .$if(databaseKindOf(trx) === 'postgres', lockForDecision)
    .execute()
  return rows.find((r) => r.phone === args.phone) ?? rows[0]
}

/**
 * On PostgreSQL, where several processes decide at once, the contact row stays locked until
 * the deciding transaction commits: two promotions to one number cannot both pass its
 * frequency cap, and two consent changes cannot both take the same place in its ledger.
 * SQLite has a single writer, so it needs no lock.
 */
function lockForDecision<QB extends { forUpdate(): QB }>(qb: QB): QB {
  return qb.forUpdate()
}

/**
 * {@link findContactRow} compiled once, for the gate, which looks a contact up for every
 * message. The lookup serves the one database it first runs in.
 */
export function prepareContactLookup(): (
  trx: Trx,
  args: ContactKey,
) => Promise<ContactTable | undefined> {
  const query = new PreparedQuery((db, p: Placeholder<'storeId' | 'phone' | 'phoneHash'>) =>
    db
      .selectFrom('contacts')
      .selectAll()
      .where('store_id', '=', p('storeId'))
      .where('phone', 'in', [p('phone'), p('phoneHash')])
      .$if(databaseKindOf(db) === 'postgres', lockForDecision),
  )
  return async (trx, args) => {
    const rows = await query.execute(trx, args)
    return rows.find((r) => r.phone === args.phone) ?? rows[0]
  }
}

/**
 * The contact about to change. A number met for the first time after its erasure starts from
 * the erased contact's consent, so the erasure of an opted-out recipient never lets messages
 * through again; only a new opt-in does.
 */
export async function contactForChange(
  trx: Trx,
  args: { storeId: string; phone: string; hasher: KeyedHasher; nowMs: number },
): Promise<Contact> {
  const { storeId, phone, nowMs } = args
  const row = await findContactRow(trx, { storeId, phone, phoneHash: args.hasher.phone(phone) })
  if (row === undefined) return newContact(storeId, phone, nowMs)
  if (row.phone === phone) return toContact(row)

  const erased = toContact(row)
  return {
    ...newContact(storeId, phone, nowMs),
    consent: erased.consent,
    consentChangedAtMs: erased.consentChangedAtMs,
  }
}

export async function saveContact(trx: Trx, contact: Contact): Promise<void> {
  const row = toContactRow(contact)
  const changes = {
    marketing: row.marketing,
    opted_out_all: row.opted_out_all,
    consent_changed_at: row.consent_changed_at,
    consent_records: row.consent_records,
    pending_opt_in: row.pending_opt_in,
    time_zone: row.time_zone,
    shipping_country: row.shipping_country,
    shipping_province: row.shipping_province,
    shipping_zip: row.shipping_zip,
    updated_at: row.updated_at,
  }
  await trx
    .insertInto('contacts')
    .values(row)
    .onConflict((oc) => oc.columns(['store_id', 'phone']).doUpdateSet(changes))
    .execute()
}

export async function appendConsentRecord(trx: Trx, record: ConsentRecord): Promise<void> {
  await trx.insertInto('consent_events').values(toRecordRow(record)).execute()
}

/** Every consent record of a number, oldest first. */
export async function listConsentRecords(
  db: Db | Trx,
  storeId: string,
  phone: string,
): Promise<ConsentRecord[]> {
  const rows = await db
    .selectFrom('consent_events')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('phone', '=', phone)
    .orderBy('created_at')
    .orderBy('seq')
    .execute()
  return rows.map(toRecord)
}

function toRecordRow(record: ConsentRecord): ConsentEventTable {
  return {
    id: record.id,
    store_id: record.storeId,
    phone: record.phone,
    seq: record.seq,
    action: record.action,
    scope: record.scope,
    source: record.source,
    wording: record.evidence.wording,
    page_url: record.evidence.pageUrl,
    ip: record.evidence.ip,
    user_agent: record.evidence.userAgent,
    collected_at: record.evidence.collectedAtMs,
    message_id: record.messageId,
    created_at: record.createdAtMs,
  }
}

function toRecord(row: ConsentEventTable): ConsentRecord {
  return {
    id: row.id,
    storeId: row.store_id,
    phone: row.phone,
    seq: Number(row.seq),
    action: row.action,
    scope: row.scope,
    source: row.source,
    evidence: {
      wording: row.wording,
      pageUrl: row.page_url,
      ip: row.ip,
      userAgent: row.user_agent,
      collectedAtMs: Number(row.collected_at),
    },
    messageId: row.message_id,
    createdAtMs: Number(row.created_at),
  }
}
