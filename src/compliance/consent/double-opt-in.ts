import {
  admitMessage,
  prepareMessage,
  type AdmitDeps,
  type MessageRow,
  type PrepareDeps,
} from '../../messaging/index.js'
import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
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
 * request's text as the wording they agreed to. A request the gate suppresses (the recipient
 * opted out of everything) leaves nothing waiting.
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
  const message = await admitMessage(trx, deps, { row: args.request, store, nowMs })

  const before = await contactForChange(trx, {
    storeId: store.id,
    phone: message.recipient,
    hasher: deps.hasher,
    nowMs,
  })
  const isWaiting = message.status !== 'suppressed'
  const contact: Contact = {
    ...withDetails(before, args.details ?? {}),
    pendingOptIn: isWaiting
      ? {
          scope: args.scope,
          requestedAtMs: nowMs,
          messageId: message.id,
          evidence: { ...args.evidence, wording: message.body },
        }
      : before.pendingOptIn,
    updatedAtMs: nowMs,
  }
  await saveContact(trx, contact)
  return { contact, message }
}
