import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, loadConfig } from './index.js'

function writeConfig(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'nudge-config-')), 'nudge.json')
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

const carrier = {
  id: 'acme',
  host: '127.0.0.1',
  port: 2775,
  systemId: 'nudge',
  password: { env: 'ACME_SMPP_PASSWORD' },
  destinations: [{ prefix: '+1', priority: 1 }],
}

describe('loadConfig', () => {
  it('runs on embedded defaults with no file and no environment', () => {
    const config = loadConfig({}, {})

    assert.deepEqual(config.server, { host: '127.0.0.1', port: 8080 })
    assert.equal(config.database, './nudge.db')
    assert.deepEqual(config.carriers, [])
    assert.equal(config.messages.maxSegments, 10)
    assert.equal(config.webhooks.giveUpAfterSeconds, 86400)
    assert.ok(Object.isFrozen(config.server))
  })

  it('prefers flags over environment over file', () => {
    const file = writeConfig({ server: { port: 7000, host: '127.0.0.2' }, database: 'file.db' })

    const fromFile = loadConfig({ config: file }, {})
    const fromEnv = loadConfig({ config: file }, { NUDGE_PORT: '7001', NUDGE_DB: 'env.db' })
    const fromFlag = loadConfig({ config: file, port: '7002' }, { NUDGE_PORT: '7001' })

    assert.equal(fromFile.server.port, 7000)
    assert.equal(fromFile.server.host, '127.0.0.2')
    assert.equal(fromEnv.server.port, 7001)
    assert.equal(fromEnv.database, 'env.db')
    assert.equal(fromFlag.server.port, 7002)
  })

  it('reads a carrier password from the environment variable the file names', () => {
    const file = writeConfig({ carriers: [carrier] })
    const config = loadConfig({ config: file }, { ACME_SMPP_PASSWORD: 's3cret' })

    assert.equal(config.carriers[0]?.password, 's3cret')
    assert.equal(config.carriers[0]?.window, 10)
    assert.equal(config.carriers[0]?.bindMode, 'transceiver')
  })

  it('lists every problem of a bad file at once', () => {
    const file = writeConfig({
      server: { port: 'eighty' },
      carriers: [
        { ...carrier, window: 0, destinations: [{ prefix: '1' }] },
        { ...carrier, id: 'Bad Id', port: 70000 },
      ],
      colour: 'blue',
      logLevel: 'chatty',
      messages: { pricesFile: '/nonexistent/prices.json' },
    })

    assert.throws(
      () => loadConfig({ config: file }, {}),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError)
        const text = err.problems.join('\n')
        for (const expected of [
          'server.port',
          'carriers.0.window',
          'carriers.0.destinations.0.prefix',
          'carriers.1.id',
          'carriers.1.port',
          'colour',
          'logLevel',
          'messages.pricesFile',
        ]) {
          assert.ok(text.includes(expected), `missing ${expected} in:\n${text}`)
        }
        return true
      },
    )
  })

  it('reports a missing secret, a duplicate carrier id and an ambiguous destination', () => {
    const file = writeConfig({
      carriers: [carrier, { ...carrier, destinations: [{ prefix: '+44', country: 'GB' }] }],
    })

    assert.throws(
      () => loadConfig({ config: file }, {}),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError)
        assert.equal(err.problems.filter((p) => p.includes('ACME_SMPP_PASSWORD')).length, 2)
        assert.ok(err.problems.some((p) => p.includes('"acme" is used more than once')))
        assert.ok(err.problems.some((p) => p.includes('exactly one of prefix or country')))
        return true
      },
    )
  })

  it('reports an unreadable file and a bad port flag', () => {
    assert.throws(
      () => loadConfig({ config: '/nonexistent/nudge.json', port: '-1' }, {}),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError)
        assert.equal(err.problems.length, 2)
        return true
      },
    )
  })

  it('takes the erasure key from the environment, else the file, and refuses a short one', () => {
    const key = 'k'.repeat(32)
    const file = writeConfig({ compliance: { erasureKey: { env: 'SHOP_ERASURE_KEY' } } })

    assert.equal(loadConfig({}, { NUDGE_ERASURE_KEY: key }).compliance.erasureKey, key)
    assert.equal(loadConfig({ config: file }, { SHOP_ERASURE_KEY: key }).compliance.erasureKey, key)
    assert.throws(
      () => loadConfig({ config: file }, {}),
      (err: ConfigError) =>
        err.problems.includes(
          'compliance.erasureKey: environment variable SHOP_ERASURE_KEY is not set',
        ),
    )
    assert.throws(
      () => loadConfig({}, { NUDGE_ERASURE_KEY: 'short' }),
      (err: ConfigError) =>
        err.problems.includes('NUDGE_ERASURE_KEY: the erasure key needs at least 32 characters'),
    )
  })

  it('keeps a generated erasure key beside the database unless told otherwise', () => {
    assert.equal(
      loadConfig({ db: '/var/lib/nudge/shop.db' }, {}).compliance.erasureKeyFile,
      '/var/lib/nudge/shop.db.erasure-key',
    )
    assert.equal(loadConfig({ db: ':memory:' }, {}).compliance.erasureKeyFile, undefined)
    const file = writeConfig({ compliance: { erasureKeyFile: '/etc/nudge/erasure.key' } })
    assert.equal(
      loadConfig({ config: file }, {}).compliance.erasureKeyFile,
      '/etc/nudge/erasure.key',
    )
  })
})
