import type { MessageRow } from '../../messaging/index.js'
import type { Db } from '../../storage/index.js'
import type { ConsentRecord } from '../consent/consent-record.js'
import type { Contact } from '../consent/contact.js'
import { findContact, listConsentRecords } from '../consent/contact-store.js'
import { listDecisions, type GateDecision } from '../gate/gate-decision.js'

/** Everything a store holds about one recipient, for an access request. */
export interface ContactExport {
  readonly phone: string
  readonly contact: Contact | null
  readonly consentRecords: readonly ConsentRecord[]
  /** Both directions, oldest first. */
  readonly messages: readonly MessageRow[]
  readonly decisions: readonly GateDecision[]
}

/** Decisions are exported in full, however many; this only sizes each read. */
const PAGE = 1000

export async function exportContact(
  db: Db,
  args: { readonly storeId: string; readonly phone: string },
): Promise<ContactExport> {
  const { storeId, phone } = args
  const contact = await findContact(db, storeId, phone)
  const consentRecords = await listConsentRecords(db, storeId, phone)
  const messages = (await db
    .selectFrom('messages')
    .selectAll()
    .where('store_id', '=', storeId)
    .where((eb) =>
      eb.or([
        eb.and([eb('direction', '=', 'outbound'), eb('recipient', '=', phone)]),
        eb.and([eb('direction', '=', 'inbound'), eb('sender', '=', phone)]),
      ]),
    )
    .orderBy('id')
    .execute()) as MessageRow[]

  const decisions: GateDecision[] = []
  for (;;) {
    const beforeId = decisions[decisions.length - 1]?.id
    const page = await listDecisions(db, storeId, { phone, beforeId, limit: PAGE })
    decisions.push(...page)
    if (page.length < PAGE) break
  }
  return { phone, contact: contact ?? null, consentRecords, messages, decisions }
}
