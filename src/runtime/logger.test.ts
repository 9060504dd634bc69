import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { createLogger, maskPhone } from './logger.js'

function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString())
      done()
    },
  })
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  }
}

describe('logger', () => {
  it('masks phone numbers to their country code and last two digits', () => {
    assert.equal(maskPhone('+12025550143'), '+12*******43')
    assert.equal(maskPhone('+442079460018'), '+44********18')
  })

  it('never writes a full phone number, a body or a secret', () => {
    const out = capture()
    const logger = createLogger({ level: 'info', destination: out.stream })
    logger.info(
      { recipient: '+12025550143', to: '+12025550143', body: 'Your code is 4242', password: 'pw' },
      'message accepted',
    )
    logger.child({ sender: '+447400123456' }).info('inbound message stored')

    const text = JSON.stringify(out.lines())
    assert.ok(!text.includes('2025550143'), text)
    assert.ok(!text.includes('7400123456'), text)
    assert.ok(!text.includes('4242'), text)
    assert.ok(!text.includes('"pw"'), text)
    assert.equal(out.lines()[0]?.['recipient'], '+12*******43')
  })
})
