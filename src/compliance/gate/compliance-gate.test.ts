import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  startComplianceHarness,
  type ComplianceHarness,
} from '../../../test/support/compliance-harness.js'
import { fixedOffsetQuietHours } from '../../../test/support/fixed-offset-quiet-hours.js'
import { DATABASE_KINDS } from '../../../test/support/test-database.js'

const CUSTOMER = '+12025550143'
const at = (iso: string): number => Date.parse(iso)
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

for (const kind of DATABASE_KINDS) {
  describe(`the compliance gate: consent and opt-outs (${kind})`, () => {
    let h: ComplianceHarness

    before(async () => {
      // 15:30 UTC is 10:30 at UTC-5, inside the default 08:00-21:00 window.
      h = await startComplianceHarness({ database: kind, quietHours: fixedOffsetQuietHours(-300) })
    })
    after(() => h.close())

    it('suppresses a promotion to a number with no recorded consent as NO_CONSENT', async () => {
      const message = await h.send({ to: '+12025550101', category: 'marketing' })

      assert.equal(message.status, 'suppressed')
      assert.equal(message.reason, 'NO_CONSENT')
      assert.equal(message.done_at, h.clock.now())
      const [decision] = await h.decisions('+12025550101')
      assert.equal(decision?.messageId, message.id)
      assert.equal(decision?.decision, 'suppressed')
      assert.equal(decision?.reason, 'NO_CONSENT')
      assert.equal(decision?.rule, 'marketing_consent_required')
      const events = await h.db
        .selectFrom('message_events')
        .select(['type', 'status'])
        .where('message_id', '=', message.id)
        .execute()
      assert.deepEqual(events, [{ type: 'message.status', status: 'suppressed' }])
    })

    it('lets a transactional message go without any consent', async () => {
      const message = await h.send({ to: '+12025550102', body: 'Order #1042 shipped' })

      assert.equal(message.status, 'queued')
      assert.equal(message.reason, null)
      const [decision] = await h.decisions('+12025550102')
      assert.equal(decision?.decision, 'allowed')
      assert.equal(decision?.rule, 'transactional')
    })

    it('lets a promotion go to a number that opted in', async () => {
      await h.record({ phone: '+12025550103' })
      const message = await h.send({ to: '+12025550103', category: 'marketing' })

      assert.equal(message.status, 'queued')
      const [decision] = await h.decisions('+12025550103')
      assert.equal(decision?.decision, 'allowed')
      assert.deepEqual(decision?.zones, ['UTC-05:00'])
      assert.deepEqual(decision?.localTimes, ['2026-11-27T10:30:00-05:00'])
    })

    it('suppresses promotions after an opt-out of promotions but still lets transactional messages go', async () => {
      await h.record({ phone: '+12025550104' })
      await h.record({ phone: '+12025550104', action: 'opt_out', scope: 'marketing' })

      const promotion = await h.send({ to: '+12025550104', category: 'marketing' })
      const receipt = await h.send({ to: '+12025550104', body: 'Your receipt' })
      assert.equal(promotion.status, 'suppressed')
      assert.equal(promotion.reason, 'OPTED_OUT')
      assert.equal(receipt.status, 'queued')
    })

    it('suppresses transactional messages too after an opt-out of everything', async () => {
      await h.record({ phone: '+12025550105', action: 'opt_out', scope: 'all' })

      const receipt = await h.send({ to: '+12025550105', body: 'Your receipt' })
      const promotion = await h.send({ to: '+12025550105', category: 'marketing' })
      assert.equal(receipt.status, 'suppressed')
      assert.equal(receipt.reason, 'OPTED_OUT')
      assert.equal(promotion.reason, 'OPTED_OUT')
    })

    it('lets messages go again after a new opt-in', async () => {
      await h.record({ phone: '+12025550106', action: 'opt_out', scope: 'all' })
      await h.record({ phone: '+12025550106', action: 'opt_in', scope: 'all' })

      assert.equal((await h.send({ to: '+12025550106', category: 'marketing' })).status, 'queued')
      assert.equal((await h.send({ to: '+12025550106' })).status, 'queued')
    })
  })
}

for (const kind of DATABASE_KINDS) {
  describe(`the compliance gate: frequency cap (${kind})`, () => {
    let h: ComplianceHarness

    before(async () => {
      h = await startComplianceHarness({ database: kind, quietHours: fixedOffsetQuietHours(-300) })
    })
    after(() => h.close())

    it('holds to the default of one promotion per recipient per 24 hours', async () => {
      await h.record({ phone: '+12025550110' })

      const first = await h.send({ to: '+12025550110', category: 'marketing' })
      const second = await h.send({ to: '+12025550110', category: 'marketing' })
      assert.equal(first.status, 'queued')
      assert.equal(second.status, 'suppressed')
      assert.equal(second.reason, 'FREQUENCY_CAP')
      const decisions = await h.decisions('+12025550110')
      assert.equal(decisions.find((d) => d.messageId === second.id)?.rule, 'frequency_cap:1/24h')
    })

    it('suppresses promotion N+1 within the window and allows one once the window has moved on', async () => {
      await h.configure({ frequencyCap: { messages: 3, windowMs: 24 * 3600_000 } })
      await h.record({ phone: '+12025550111' })
      const startMs = h.clock.now()

      const statuses: string[] = []
      for (let i = 0; i < 4; i++) {
        statuses.push((await h.send({ to: '+12025550111', category: 'marketing' })).status)
        h.clock.advance(60_000)
      }
      assert.deepEqual(statuses, ['queued', 'queued', 'queued', 'suppressed'])

      // 24 h after the first promotion it leaves the window; the suppressed one never counted.
      h.clock.set(startMs + 24 * 3600_000)
      assert.equal((await h.send({ to: '+12025550111', category: 'marketing' })).status, 'queued')
      assert.equal(
        (await h.send({ to: '+12025550111', category: 'marketing' })).status,
        'suppressed',
      )
    })

    it('neither counts nor caps transactional messages', async () => {
      await h.configure({ frequencyCap: { messages: 1, windowMs: 24 * 3600_000 } })
      await h.record({ phone: '+12025550112' })

      for (let i = 0; i < 3; i++)
        assert.equal((await h.send({ to: '+12025550112' })).status, 'queued')
      assert.equal((await h.send({ to: '+12025550112', category: 'marketing' })).status, 'queued')
    })

    it('caps nothing when the store removed its cap', async () => {
      await h.configure({ frequencyCap: null })
      await h.record({ phone: '+12025550113' })

      for (let i = 0; i < 5; i++) {
        assert.equal((await h.send({ to: '+12025550113', category: 'marketing' })).status, 'queued')
      }
    })
  })
}

for (const kind of DATABASE_KINDS) {
  describe(`the compliance gate: quiet hours (${kind})`, () => {
    let h: ComplianceHarness

    before(async () => {
      // 03:00 UTC is 22:00 the evening before at UTC-5: outside 08:00-21:00.
      h = await startComplianceHarness({
        database: kind,
        quietHours: fixedOffsetQuietHours(-300),
        startMs: at('2026-11-27T03:00:00Z'),
      })
    })
    after(() => h.close())

    it('holds a promotion until 08:00 local and the worker sends it once the clock gets there', async () => {
      await h.record({ phone: CUSTOMER })
      const message = await h.send({ to: CUSTOMER, category: 'marketing', body: 'Sale starts now' })

      assert.equal(message.status, 'scheduled')
      assert.equal(message.reason, 'QUIET_HOURS')
      assert.equal(iso(message.due_at), '2026-11-27T13:00:00.000Z')
      const [decision] = await h.decisions(CUSTOMER)
      assert.equal(decision?.decision, 'held')
      assert.equal(decision?.reason, 'QUIET_HOURS')
      assert.equal(iso(decision?.releaseAtMs ?? null), '2026-11-27T13:00:00.000Z')
      assert.deepEqual(decision?.localTimes, ['2026-11-26T22:00:00-05:00'])

      h.clock.set(at('2026-11-27T12:59:59.999Z'))
      await h.deliverDue()
      assert.deepEqual(h.carrier.textsTo(CUSTOMER), [])
      assert.equal((await h.message(message.id)).status, 'scheduled')

      h.clock.set(at('2026-11-27T13:00:00Z'))
      await h.deliverDue()
      assert.deepEqual(h.carrier.textsTo(CUSTOMER), ['Sale starts now'])
      assert.equal((await h.message(message.id)).status, 'sent')
    })

    it('lets a transactional message go at once, unless the store holds those too', async () => {
      h.clock.set(at('2026-11-28T03:00:00Z'))
      assert.equal((await h.send({ to: CUSTOMER, body: 'Order shipped' })).status, 'queued')

      await h.configure({ quietHoursForTransactional: true })
      const held = await h.send({ to: CUSTOMER, body: 'Order delivered' })
      assert.equal(held.status, 'scheduled')
      assert.equal(held.reason, 'QUIET_HOURS')
      assert.equal(iso(held.due_at), '2026-11-28T13:00:00.000Z')
      await h.configure({ quietHoursForTransactional: false })
    })

    it('judges a scheduled promotion at its send time', async () => {
      h.clock.set(at('2026-11-29T15:00:00Z'))
      await h.record({ phone: '+12025550120' })
      const message = await h.send({
        to: '+12025550120',
        category: 'marketing',
        send_at: '2026-11-30T02:30:00Z',
      })

      assert.equal(message.status, 'scheduled')
      assert.equal(message.reason, 'QUIET_HOURS')
      assert.equal(iso(message.send_at), '2026-11-30T02:30:00.000Z')
      assert.equal(iso(message.due_at), '2026-11-30T13:00:00.000Z')
    })

    it('stops a promotion held for quiet hours when the recipient texts STOP', async () => {
      h.clock.set(at('2026-12-01T03:00:00Z'))
      const phone = '+12025550121'
      await h.record({ phone })
      const held = await h.send({ to: phone, category: 'marketing', body: 'Flash sale tonight' })
      assert.equal(held.status, 'scheduled')

      await h.inbound(phone, 'STOP')

      const stopped = await h.message(held.id)
      assert.equal(stopped.status, 'suppressed')
      assert.equal(stopped.reason, 'OPTED_OUT')
      h.clock.set(at('2026-12-01T13:00:00Z'))
      await h.deliverDue()
      assert.deepEqual(h.carrier.textsTo(phone), [
        'Northwind: You are unsubscribed and will receive no more messages. Reply START to resubscribe.',
      ])
      const decisions = await h.decisions(phone)
      assert.ok(
        decisions.some((d) => d.messageId === held.id && d.rule === 'opted_out_all_while_pending'),
      )
    })
  })
}

for (const kind of DATABASE_KINDS) {
  describe(`the compliance gate with the real quiet hours data (${kind})`, () => {
    let h: ComplianceHarness

    before(async () => {
      h = await startComplianceHarness({ database: kind, startMs: at('2026-11-27T03:00:00Z') })
    })
    after(() => h.close())

    it('holds a promotion to a Washington number at 22:00 local until 08:00 Eastern (UTC-5)', async () => {
      await h.record({ phone: CUSTOMER })
      const message = await h.send({ to: CUSTOMER, category: 'marketing' })

      assert.equal(message.status, 'scheduled')
      assert.equal(iso(message.due_at), '2026-11-27T13:00:00.000Z')
      const [decision] = await h.decisions(CUSTOMER)
      assert.deepEqual(decision?.zones, ['America/New_York'])
      assert.equal(decision?.zoneSource, 'phone_number')
      assert.deepEqual(decision?.localTimes, ['2026-11-26T22:00:00-05:00'])
      assert.equal(decision?.rule, 'store_hours')
    })

    it('judges in the time zone recorded on the contact rather than the number’s', async () => {
      h.clock.set(at('2026-11-27T06:30:00Z'))
      await h.record({ phone: '+12025550130' }, { timeZone: 'Europe/Paris' })
      const message = await h.send({ to: '+12025550130', category: 'marketing' })

      // 07:30 in Paris (UTC+1 in November); the window opens at 08:00, 07:00 UTC.
      assert.equal(iso(message.due_at), '2026-11-27T07:00:00.000Z')
      const [decision] = await h.decisions('+12025550130')
      assert.equal(decision?.zoneSource, 'contact')
    })

    it('holds a promotion to a French number on a Sunday until Monday 08:00 Paris time', async () => {
      h.clock.set(at('2026-11-29T10:00:00Z'))
      await h.record({ phone: '+33612345678' })
      const message = await h.send({ to: '+33612345678', category: 'marketing' })

      assert.equal(message.reason, 'QUIET_HOURS')
      assert.equal(iso(message.due_at), '2026-11-30T07:00:00.000Z')
      const [decision] = await h.decisions('+33612345678')
      assert.equal(decision?.rule, 'country:FR:sunday')
    })
  })
}
