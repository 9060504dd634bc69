import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { canAdvance, finalStatusOf, predecessorsOf } from './message-status.js'

describe('message status', () => {
  it('moves forward from queued through sending and sent to delivered', () => {
    assert.equal(canAdvance('scheduled', 'queued'), true)
    assert.equal(canAdvance('queued', 'sending'), true)
    assert.equal(canAdvance('sending', 'sent'), true)
    assert.equal(canAdvance('sent', 'delivered'), true)
    assert.equal(canAdvance('queued', 'failed'), true)
  })

  it('never moves backwards or out of a final state', () => {
    assert.equal(canAdvance('sent', 'sending'), false)
    assert.equal(canAdvance('delivered', 'sent'), false)
    assert.equal(canAdvance('delivered', 'undelivered'), false)
    assert.equal(canAdvance('failed', 'delivered'), false)
    assert.equal(canAdvance('sending', 'sending'), false)
  })

  it('lists every earlier stage as a predecessor of a final state', () => {
    assert.deepEqual(predecessorsOf('delivered'), ['scheduled', 'queued', 'sending', 'sent'])
    assert.deepEqual(predecessorsOf('sent'), ['scheduled', 'queued', 'sending'])
  })

  it('treats suppressed as a final status', () => {
    assert.equal(canAdvance('scheduled', 'suppressed'), true)
    assert.equal(canAdvance('queued', 'suppressed'), true)
    assert.equal(canAdvance('suppressed', 'queued'), false)
    assert.equal(canAdvance('suppressed', 'sent'), false)
  })

  it('waits for every segment before settling a final status', () => {
    assert.equal(finalStatusOf(['delivered', undefined]), undefined)
    assert.equal(finalStatusOf([]), undefined)
  })

  it('reports partially_delivered when segments end differently', () => {
    assert.equal(finalStatusOf(['delivered', 'delivered']), 'delivered')
    assert.equal(finalStatusOf(['delivered', 'undelivered']), 'partially_delivered')
    assert.equal(finalStatusOf(['expired', 'expired']), 'expired')
    assert.equal(finalStatusOf(['expired', 'rejected']), 'undelivered')
  })
})
