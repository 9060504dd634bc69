import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  startComplianceHarness,
  STORE_NUMBER,
  type ComplianceHarness,
} from '../../../test/support/compliance-harness.js'
import { findContact, listConsentRecords } from '../consent/contact-store.js'
import { prepareDoubleOptIn, requestDoubleOptIn } from '../consent/double-opt-in.js'
import { DATABASE_KINDS } from '../../../test/support/test-database.js'

const OPT_OUT_EN =
  'Northwind: You are unsubscribed and will receive no more messages. Reply START to resubscribe.'
const OPT_IN_EN =
  'Northwind: You are subscribed again. Msg frequency varies, msg & data rates may apply. Reply HELP for help, STOP to opt out.'

for (const kind of DATABASE_KINDS) {
  describe(`answering inbound keywords (${kind})`, () => {
    let h: ComplianceHarness

    before(async () => {
      // 10:30 in Washington: inside every sending window.
      h = await startComplianceHarness({ database: kind })
    })
    after(() => h.close())

    const contactOf = (phone: string) => findContact(h.db, h.store().id, phone)
    const inboundFrom = (phone: string) =>
      h.db
        .selectFrom('messages')
        .select(['id', 'body', 'recipient'])
        .where('direction', '=', 'inbound')
        .where('sender', '=', phone)
        .orderBy('id')
        .execute()

    it('answers STOP with one confirmation from the store’s number and stops everything after it', async () => {
      const phone = '+12025550140'
      await h.record({ phone })

      await h.inbound(phone, 'Stop please')
      await h.deliverDue()

      assert.deepEqual(h.carrier.textsTo(phone), [OPT_OUT_EN])
      assert.equal(h.carrier.submitted.at(-1)?.sender.address, STORE_NUMBER.slice(1))
      const contact = await contactOf(phone)
      assert.deepEqual(contact?.consent, { marketing: 'opted_out', isOptedOutOfAll: true })
      const [inbound] = await inboundFrom(phone)
      const records = await listConsentRecords(h.db, h.store().id, phone)
      assert.deepEqual(
        records.map((r) => [r.action, r.scope, r.source, r.evidence.wording, r.messageId]),
        [
          ['opt_in', 'marketing', 'checkout', 'Text me offers', null],
          ['opt_out', 'all', 'keyword', 'STOP', inbound?.id],
        ],
      )

      const promotion = await h.send({ to: phone, category: 'marketing' })
      const receipt = await h.send({ to: phone, body: 'Your receipt' })
      await h.deliverDue()
      assert.equal(promotion.reason, 'OPTED_OUT')
      assert.equal(receipt.reason, 'OPTED_OUT')
      assert.deepEqual(h.carrier.textsTo(phone), [OPT_OUT_EN])
    })

    it('sends no second confirmation for a repeated STOP', async () => {
      const phone = '+12025550141'
      await h.inbound(phone, 'STOP')
      await h.inbound(phone, 'stop!!')
      await h.deliverDue()

      assert.deepEqual(h.carrier.textsTo(phone), [OPT_OUT_EN])
      const replies = await h.db
        .selectFrom('messages')
        .select(['status', 'reason'])
        .where('direction', '=', 'outbound')
        .where('recipient', '=', phone)
        .orderBy('id')
        .execute()
      assert.deepEqual(replies.map((r) => r.status).sort(), ['sent', 'suppressed'])
    })

    it('answers in the language of the keyword', async () => {
      await h.inbound('+12025550142', 'ARRÊT')
      await h.inbound('+12025550143', 'Baja')
      await h.inbound('+12025550144', 'STOPP')
      await h.deliverDue()

      assert.deepEqual(h.carrier.textsTo('+12025550142'), [
        'Northwind : désinscription confirmée, vous ne recevrez plus de messages. Répondez START pour vous réinscrire.',
      ])
      assert.deepEqual(h.carrier.textsTo('+12025550143'), [
        'Northwind: te has dado de baja. Responde START para volver a suscribirte.',
      ])
      assert.deepEqual(h.carrier.textsTo('+12025550144'), [
        'Northwind: Sie sind abgemeldet und erhalten keine Nachrichten mehr. Antworten Sie START, um sich wieder anzumelden.',
      ])
    })

    it('keeps a sentence that contains "stop" as a message for the store and changes nothing', async () => {
      const phone = '+12025550145'
      await h.record({ phone })

      await h.inbound(phone, 'please stop sending me the wrong size')
      await h.deliverDue()

      assert.deepEqual(h.carrier.textsTo(phone), [])
      assert.equal((await contactOf(phone))?.consent.marketing, 'opted_in')
      assert.deepEqual(
        (await inboundFrom(phone)).map((m) => m.body),
        ['please stop sending me the wrong size'],
      )
    })

    it('opts back in on START and confirms it after the opt-out', async () => {
      const phone = '+12025550146'
      await h.inbound(phone, 'STOP')
      await h.deliverDue()
      await h.inbound(phone, 'start')
      await h.deliverDue()

      assert.deepEqual(h.carrier.textsTo(phone), [OPT_OUT_EN, OPT_IN_EN])
      assert.deepEqual((await contactOf(phone))?.consent, {
        marketing: 'opted_in',
        isOptedOutOfAll: false,
      })
      assert.equal((await h.send({ to: phone, category: 'marketing' })).status, 'queued')
    })

    it('answers HELP with the default text, or the store’s own once it set one', async () => {
      await h.inbound('+12025550147', 'HELP')
      await h.deliverDue()
      await h.configure({ helpText: '{store} help: call 202-555-0100. Reply STOP to opt out.' })
      await h.inbound('+12025550148', 'info')
      await h.deliverDue()

      assert.deepEqual(h.carrier.textsTo('+12025550147'), [
        'Northwind: Msg & data rates may apply. Reply STOP to unsubscribe, START to resubscribe.',
      ])
      assert.deepEqual(h.carrier.textsTo('+12025550148'), [
        'Northwind help: call 202-555-0100. Reply STOP to opt out.',
      ])
      await h.configure({ helpText: null })
    })

    it('treats YES as a message unless it answers a double opt-in', async () => {
      const phone = '+12025550149'
      await h.inbound(phone, 'YES')
      await h.deliverDue()
      assert.deepEqual(h.carrier.textsTo(phone), [])
      assert.equal(await contactOf(phone), undefined)

      const nowMs = h.clock.now()
      const request = prepareDoubleOptIn(h.deps, { store: h.store(), phone, language: 'en', nowMs })
      await h.groupCommit.run((trx) =>
        requestDoubleOptIn(trx, h.deps, {
          store: h.store(),
          request,
          scope: 'marketing',
          evidence: {
            wording: null,
            pageUrl: 'https://northwind.example/checkout',
            ip: '203.0.113.7',
            userAgent: 'Mozilla/5.0',
            collectedAtMs: nowMs,
          },
          nowMs,
        }),
      )
      assert.equal((await contactOf(phone))?.consent.marketing, 'none')
      assert.equal((await h.send({ to: phone, category: 'marketing' })).reason, 'NO_CONSENT')

      h.clock.advance(60_000)
      await h.inbound(phone, 'Yes!')
      await h.deliverDue()

      const doubleOptInText =
        'Northwind: Reply YES to receive our offers by text. Msg frequency varies, msg & data rates may apply. Reply STOP to opt out.'
      assert.deepEqual(h.carrier.textsTo(phone), [doubleOptInText, OPT_IN_EN])
      const contact = await contactOf(phone)
      assert.equal(contact?.consent.marketing, 'opted_in')
      assert.equal(contact?.pendingOptIn, null)
      const [record] = await listConsentRecords(h.db, h.store().id, phone)
      assert.equal(record?.source, 'double_opt_in')
      assert.equal(record?.evidence.wording, doubleOptInText)
      assert.equal(record?.evidence.pageUrl, 'https://northwind.example/checkout')
      assert.equal(record?.evidence.collectedAtMs, h.clock.now())
    })
  })
}
