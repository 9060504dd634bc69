import {
  admitMessage,
  prepareMessage,
  type AdmitDeps,
  type MessageRow,
  type PrepareDeps,
} from '../../messaging/index.js'
import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import { RecipientOptedOutError } from '../errors.js'
import type { KeywordLanguage } from '../keywords/classify-keyword.js'
import { replyText } from '../keywords/keyword-replies.js'
import type { ConsentEvidence, ConsentScope } from './consent-record.js'
import type { Contact } from './contact.js'
import { contactForChange, saveContact } from './contact-store.js'
import { withDetails, type ConsentDeps, type ContactDetails } from './record-consent.js'

export interface DoubleOptInDeps extends ConsentDeps, PrepareDeps, AdmitDeps {}

/**
 * The request text of a double opt-in as a message ready to store, from `from` or the store's
 * default sender. Throws a ValidationError when it cannot be sent (no sender, say). Touches no
 * storage, so a bad request fails before any transaction.
 */
export function prepareDoubleOptIn(
  deps: PrepareDeps,
  args: {
    readonly store: Store
    readonly phone: string
    readonly language: KeywordLanguage
    readonly from?: string
    readonly nowMs: number
  },
): MessageRow {
  const { store } = args
  const body = replyText({
    kind: 'double_opt_in',
    language: args.language,
    storeName: store.name,
    settings: store.compliance,
  })
  const request = { to: args.phone, body, category: 'transactional' as const }
  return prepareMessage(
    deps,
    store,
    args.from === undefined ? request : { ...request, from: args.from },
    args.nowMs,
  )
}

/**
 * Sends the request of a double opt-in and records it as waiting on the contact. Consent
 * itself is recorded only when the recipient answers YES (see respondToKeyword), with this
 * request's text as the wording they agreed to. A recipient who opted out of everything is
 * not asked: {@link RecipientOptedOutError}, and the transaction stores nothing.
 */
export async function requestDoubleOptIn(
  trx: Trx,
  deps: DoubleOptInDeps,
  args: {
    readonly store: Store
    readonly request: MessageRow
    readonly scope: ConsentScope
    readonly evidence: ConsentEvidence
    readonly details?: ContactDetails
    readonly nowMs: number
  },
): Promise<{ contact: Contact; message: MessageRow }> {
  const { store, nowMs } = args
  const before = await contactForChange(trx, {
    storeId: store.id,
    phone: args.request.recipient,
    hasher: deps.hasher,
    nowMs,
  })
  if (before.consent.isOptedOutOfAll) throw new RecipientOptedOutError()

  const message = await admitMessage(trx, deps, { row: args.request, store, nowMs })
  const contact: Contact = {
    ...withDetails(before, args.details ?? {}),
    pendingOptIn: {
      scope: args.scope,
      requestedAtMs: nowMs,
      messageId: message.id,
      evidence: { ...args.evidence, wording: message.body },
    },
    updatedAtMs: nowMs,
  }
  await saveContact(trx, contact)
  return { contact, message }
}
