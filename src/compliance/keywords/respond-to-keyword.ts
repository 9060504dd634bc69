import {
  admitMessage,
  prepareMessage,
  type AdmitDeps,
  type MessageRow,
  type PrepareDeps,
} from '../../messaging/index.js'
import { ValidationError } from '../../runtime/index.js'
import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import type { ConsentEvidence } from '../consent/consent-record.js'
import { findContact } from '../consent/contact-store.js'
import { recordConsent, type ConsentDeps } from '../consent/record-consent.js'
import { classifyKeyword, type KeywordMatch } from './classify-keyword.js'
import { replyText, type ReplyKind } from './keyword-replies.js'

const E164 = /^\+[1-9][0-9]{7,14}$/

/** What answering keywords needs: consent changes and the normal way of sending. */
export interface KeywordDeps extends ConsentDeps, PrepareDeps, AdmitDeps {}

export type KeywordOutcome =
  | { readonly kind: 'message' }
  | {
      readonly kind: 'keyword'
      readonly match: KeywordMatch
      /** The reply as stored; undefined when the sender's address cannot receive one. */
      readonly reply: MessageRow | undefined
      /** Pending messages an opt-out stopped. */
      readonly cancelled: number
    }

/**
 * Answers an inbound keyword inside the transaction that stores the inbound message, so the
 * consent change, its one reply and the message commit together or not at all. Replies go
 * through the normal accept path and the gate, as transactional messages from the address the
 * keyword was sent to.
 *
 * An opt-out's confirmation is stored before the opt-out is recorded, so the opt-out does not
 * stop its own confirmation; every other pending message to the number is stopped, which makes
 * the confirmation the last text the number gets until it opts in again. A repeated STOP gets
 * no second text: the gate suppresses that reply. START and a YES that answers a double
 * opt-in are recorded first and answered after, so the reply is not blocked by the old opt-out.
 * A YES with no double opt-in waiting is an ordinary message.
 */
export async function respondToKeyword(
  trx: Trx,
  deps: KeywordDeps,
  args: { readonly store: Store; readonly inbound: MessageRow; readonly nowMs: number },
): Promise<KeywordOutcome> {
  const { store, inbound, nowMs } = args
  // Consent belongs to phone numbers; a text from anything else (a short code, a name) is
  // only a message.
  const match = E164.test(inbound.sender) ? classifyKeyword(inbound.body) : undefined
  if (match === undefined) return { kind: 'message' }

  const phone = inbound.sender
  const reply = (kind: ReplyKind): Promise<MessageRow | undefined> =>
    sendReply(trx, deps, { store, inbound, kind, match, nowMs })
  const evidence: ConsentEvidence = {
    wording: match.keyword,
    pageUrl: null,
    ip: null,
    userAgent: null,
    collectedAtMs: nowMs,
  }
  const change = { phone, source: 'keyword', evidence, messageId: inbound.id } as const

  switch (match.kind) {
    case 'opt_out': {
      const sent = await reply('opt_out')
      const { cancelled } = await recordConsent(trx, deps, {
        store,
        change: { ...change, action: 'opt_out', scope: 'all' },
        exceptMessageId: sent?.id,
        nowMs,
      })
      return { kind: 'keyword', match, reply: sent, cancelled: cancelled.length }
    }
    case 'opt_in': {
      await recordConsent(trx, deps, {
        store,
        change: { ...change, action: 'opt_in', scope: 'all' },
        nowMs,
      })
      return { kind: 'keyword', match, reply: await reply('opt_in'), cancelled: 0 }
    }
    case 'confirm': {
      const pending = (await findContact(trx, store.id, phone))?.pendingOptIn
      if (pending === null || pending === undefined) return { kind: 'message' }
      await recordConsent(trx, deps, {
        store,
        change: {
          ...change,
          action: 'opt_in',
          scope: pending.scope,
          source: 'double_opt_in',
          evidence: { ...pending.evidence, collectedAtMs: nowMs },
        },
        nowMs,
      })
      return { kind: 'keyword', match, reply: await reply('opt_in'), cancelled: 0 }
    }
    case 'help':
      return { kind: 'keyword', match, reply: await reply('help'), cancelled: 0 }
  }
}

async function sendReply(
  trx: Trx,
  deps: KeywordDeps,
  args: {
    store: Store
    inbound: MessageRow
    kind: ReplyKind
    match: KeywordMatch
    nowMs: number
  },
): Promise<MessageRow | undefined> {
  const { store, inbound, nowMs } = args
  const body = replyText({
    kind: args.kind,
    language: args.match.language,
    storeName: store.name,
    settings: store.compliance,
  })

  let row: MessageRow
  try {
    row = prepareMessage(
      deps,
      store,
      {
        to: inbound.sender,
        from: inbound.recipient,
        body,
        category: 'transactional',
        // Tells the store why Nudge sent a text it did not ask for.
        metadata: { keyword: args.match.keyword, reply_to: inbound.id },
      },
      nowMs,
    )
  } catch (err) {
    // A keyword from an address that cannot be texted back (not a valid number, or sent to
    // an address we cannot send from) still changes consent; it only gets no reply.
    if (err instanceof ValidationError) return undefined
    throw err
  }
  return admitMessage(trx, deps, { row, store, nowMs })
}
