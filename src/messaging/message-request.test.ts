import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_COMPLIANCE_SETTINGS, type Store } from '../stores/index.js'
import { checkMessageRequest, type SendMessageRequest } from './message-request.js'

const store: Store = {
  id: 'st_test',
  name: 'Test',
  webhookUrl: null,
  webhookSecret: 'whsec_test',
  defaultCountry: 'US',
  defaultSender: 'Northwind',
  compliance: DEFAULT_COMPLIANCE_SETTINGS,
  platform: 'custom',
  platformSecret: null,
  publicBaseUrl: null,
  timeZone: null,
  createdAt: 0,
  updatedAt: 0,
}
const nowMs = Date.parse('2026-11-27T15:30:00Z')

function problemsOf(request: Partial<SendMessageRequest>): string[] {
  const checked = checkMessageRequest({ to: '+12025550143', body: 'Hi', ...request }, store, {
    maxSegments: 10,
    nowMs,
  })
  return checked.ok ? [] : checked.problems.map((p) => `${p.field} ${p.code}`)
}

describe('message request rules', () => {
  it('accepts a send time with a zone and rejects one without', () => {
    assert.deepEqual(problemsOf({ send_at: '2026-11-28T09:00:00+01:00' }), [])
    assert.deepEqual(problemsOf({ send_at: '2026-11-28T09:00:00' }), ['/send_at SEND_AT_INVALID'])
  })

  it('rejects calendar dates that do not exist instead of moving them', () => {
    for (const sendAt of ['2027-02-30T10:00:00Z', '2027-02-29T10:00:00Z', '2026-12-05T24:00:00Z']) {
      assert.deepEqual(problemsOf({ send_at: sendAt }), ['/send_at SEND_AT_INVALID'], sendAt)
    }
    assert.deepEqual(problemsOf({ send_at: '2027-01-31T23:59:59.5Z' }), [])
  })

  it('rejects send times in the past or more than 90 days ahead', () => {
    assert.deepEqual(problemsOf({ send_at: '2026-11-27T15:00:00Z' }), ['/send_at SEND_AT_IN_PAST'])
    assert.deepEqual(problemsOf({ send_at: '2027-03-01T00:00:00Z' }), ['/send_at SEND_AT_TOO_FAR'])
  })

  it('rejects a blank body, a NUL and half an emoji', () => {
    assert.deepEqual(problemsOf({ body: '   ' }), ['/body BODY_EMPTY'])
    assert.deepEqual(problemsOf({ body: 'a\u0000b' }), ['/body BODY_MALFORMED'])
    assert.deepEqual(problemsOf({ body: 'x\ud800y' }), ['/body BODY_MALFORMED'])
    assert.deepEqual(problemsOf({ body: 'Your cart 🛒' }), [])
  })

  it('uses the store default sender and requires one when there is none', () => {
    const withoutSender = { ...store, defaultSender: null }
    const checked = checkMessageRequest({ to: '+12025550143', body: 'Hi' }, withoutSender, {
      maxSegments: 10,
      nowMs,
    })
    assert.equal(checked.ok, false)
    assert.deepEqual(problemsOf({}), [])
  })
})
