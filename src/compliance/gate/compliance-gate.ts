import type {
  GateRequest,
  GateVerdict,
  MessageRow,
  SendGate,
  SuppressionReason,
} from '../../messaging/index.js'
import { newId } from '../../runtime/index.js'
import type { ContactTable, Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import { NO_CONSENT } from '../consent/consent-record.js'
import { consentStateOf } from '../consent/contact.js'
import { prepareContactLookup } from '../consent/contact-store.js'
import type { KeyedHasher } from '../erasure/keyed-hasher.js'
import { FrequencyCap } from '../frequency-cap.js'
import type { QuietHours, QuietHoursVerdict } from '../quiet-hours/quiet-hours.js'
import { prepareDecisionRecorder } from './gate-decision.js'

export interface ComplianceGateOptions {
  readonly quietHours: QuietHours
  /** Finds the consent of recipients whose data was erased. */
  readonly hasher: KeyedHasher
}

/** A verdict with what it was based on, for the audit. */
interface Judgement {
  readonly verdict: GateVerdict
  readonly rule: string
  readonly quietHours?: QuietHoursVerdict
}

/**
 * The compliance gate. In order: an opted-out recipient gets no promotion, and nothing at all
 * after opting out of everything; a promotion needs a current opt-in; promotions stop at the
 * store's frequency cap; and a promotion outside the recipient's local sending window is held
 * until it opens (transactional messages too when the store asks for that). Every decision is
 * recorded with the rule that made it and, when quiet hours were consulted, the zones and
 * local times they were judged in.
 */
export class ComplianceGate implements SendGate {
  readonly #quietHours: QuietHours
  readonly #hasher: KeyedHasher
  // The gate runs for every message, so its queries are compiled once, for the database it
  // first checks in: one gate serves one database.
  readonly #findContact = prepareContactLookup()
  readonly #frequencyCap = new FrequencyCap()
  readonly #recordDecision = prepareDecisionRecorder()

  constructor(options: ComplianceGateOptions) {
    this.#quietHours = options.quietHours
    this.#hasher = options.hasher
  }

  async check(trx: Trx, request: GateRequest): Promise<GateVerdict> {
    const { message, store, nowMs } = request
    const contact = await this.#findContact(trx, {
      storeId: store.id,
      phone: message.recipient,
      phoneHash: this.#hasher.phone(message.recipient),
    })

    const judgement = await this.#judge(trx, { message, store, contact, nowMs })
    await this.#recordDecision(trx, {
      id: newId('gd', nowMs),
      storeId: store.id,
      messageId: message.id,
      phone: message.recipient,
      category: message.category,
      decision: judgement.verdict.decision,
      reason: judgement.verdict.decision === 'allowed' ? null : judgement.verdict.reason,
      rule: judgement.rule,
      zones: judgement.quietHours?.zones ?? [],
      zoneSource: judgement.quietHours?.zoneSource ?? null,
      localTimes: judgement.quietHours?.localTimes ?? [],
      releaseAtMs: judgement.verdict.decision === 'held' ? judgement.verdict.releaseAtMs : null,
      createdAtMs: nowMs,
    })
    return judgement.verdict
  }

  async #judge(
    trx: Trx,
    args: { message: MessageRow; store: Store; contact: ContactTable | undefined; nowMs: number },
  ): Promise<Judgement> {
    const { message, store, contact, nowMs } = args
    const consent = contact === undefined ? NO_CONSENT : consentStateOf(contact)
    const settings = store.compliance

    if (consent.isOptedOutOfAll) return suppressed('OPTED_OUT', 'opted_out_all')
    if (message.category === 'marketing') {
      if (consent.marketing === 'opted_out') return suppressed('OPTED_OUT', 'opted_out_marketing')
      if (consent.marketing !== 'opted_in') {
        return suppressed('NO_CONSENT', 'marketing_consent_required')
      }
      const cap = settings.frequencyCap
      const isOverCap = await this.#frequencyCap.isExceeded(trx, {
        cap,
        storeId: store.id,
        phone: message.recipient,
        nowMs,
      })
      if (isOverCap && cap !== null) {
        const hours = cap.windowMs / 3600_000
        return suppressed('FREQUENCY_CAP', `frequency_cap:${cap.messages}/${hours}h`)
      }
    } else if (!settings.quietHoursForTransactional) {
      return { verdict: { decision: 'allowed' }, rule: 'transactional' }
    }

    return this.#judgeQuietHours(message, contact, settings.quietHours, nowMs)
  }

  #judgeQuietHours(
    message: MessageRow,
    contact: ContactTable | undefined,
    policy: Store['compliance']['quietHours'],
    nowMs: number,
  ): Judgement {
    // A scheduled message is judged at the time it is due to go, not when it was accepted.
    const atMs = message.send_at === null ? nowMs : Number(message.send_at)
    const place = {
      phone: message.recipient,
      explicitZone: contact?.time_zone ?? null,
      shippingAddress:
        contact === undefined
          ? null
          : {
              countryCode: contact.shipping_country,
              provinceCode: contact.shipping_province,
              zip: contact.shipping_zip,
            },
    }
    const verdict = this.#quietHours.judge(place, policy, atMs)
    // No release time means nothing places the recipient, or no instant in the next days is
    // open in every zone they may be in. A promotion cannot wait for that; a transactional
    // message is held only by the store's choice, so it goes.
    const hasNoWindow = !verdict.allowed && verdict.releaseAtMs === null
    if (verdict.allowed || (hasNoWindow && message.category === 'transactional')) {
      return { verdict: { decision: 'allowed' }, rule: verdict.rule, quietHours: verdict }
    }
    if (verdict.releaseAtMs === null) {
      return { ...suppressed('NO_SEND_WINDOW', verdict.rule), quietHours: verdict }
    }
    return {
      verdict: { decision: 'held', reason: 'QUIET_HOURS', releaseAtMs: verdict.releaseAtMs },
      rule: verdict.rule,
      quietHours: verdict,
    }
  }
}

function suppressed(reason: SuppressionReason, rule: string): Judgement {
  return { verdict: { decision: 'suppressed', reason }, rule }
}
