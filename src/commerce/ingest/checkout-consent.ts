import {
  applyConsent,
  findContact,
  NO_CONSENT,
  recordConsent,
  type ConsentDeps,
} from '../../compliance/index.js'
import type { Trx } from '../../storage/index.js'
import type { Store } from '../../stores/index.js'
import type { CheckoutUpdated } from '../store-event.js'

/**
 * Puts the consent a checkout carries in the consent ledger, with source `checkout`, when it
 * changes the recipient's state: an agreement opts in to promotions, a refusal opts out of
 * them. Platforms send a checkout again on every change, and an agreement already recorded
 * is not recorded twice.
 *
 * A checkout's answer never overrules a later word from the recipient: consent collected
 * before the contact's last consent change (a STOP texted since the box was ticked, say) is
 * left out. The contact keeps the checkout's shipping address, which places
 * the recipient for quiet hours.
 *
 * Limitation: on PostgreSQL two processes may read the same state at once and both record the
 * same agreement; the ledger then holds it twice, which changes no state.
 */
export async function recordCheckoutConsent(
  trx: Trx,
  deps: ConsentDeps,
  args: { readonly store: Store; readonly event: CheckoutUpdated; readonly nowMs: number },
): Promise<void> {
  const { store, event, nowMs } = args
  const { consent, phone } = event
  if (consent === null || phone === null) return

  const contact =
    (await findContact(trx, store.id, phone)) ??
    (await findContact(trx, store.id, deps.hasher.phone(phone)))
  const before = contact?.consent ?? NO_CONSENT
  const action = consent.marketing ? 'opt_in' : 'opt_out'
  const after = applyConsent(before, { action, scope: 'marketing' })
  const isSameState =
    after.marketing === before.marketing && after.isOptedOutOfAll === before.isOptedOutOfAll
  const lastChangeMs = contact?.consentChangedAtMs ?? null
  const isOutdated = lastChangeMs !== null && consent.collectedAtMs <= lastChangeMs
  if (isSameState || isOutdated) return

  await recordConsent(trx, deps, {
    store,
    change: {
      phone,
      action,
      scope: 'marketing',
      source: 'checkout',
      evidence: {
        wording: consent.wording,
        pageUrl: consent.pageUrl,
        ip: consent.ip,
        userAgent: consent.userAgent,
        collectedAtMs: consent.collectedAtMs,
      },
    },
    details: event.shippingAddress === null ? {} : { shippingAddress: event.shippingAddress },
    nowMs,
  })
}
