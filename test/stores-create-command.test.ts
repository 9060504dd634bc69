import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { runNudge } from './support/child-process.js'
import { tempDir } from './support/temp-files.js'

describe('nudge stores create', () => {
  it('prints a WooCommerce store’s made-up secret, webhook address and steps', async () => {
    const db = join(tempDir('stores-create'), 'nudge.db')

    const json = await runNudge([
      'stores',
      'create',
      'Atelier Lyon',
      '--platform',
      'woocommerce',
      '--db',
      db,
      '--json',
    ])
    const text = await runNudge([
      'stores',
      'create',
      'Atelier Annecy',
      '--platform',
      'woocommerce',
      '--platform-secret',
      'my-own-secret',
      '--api-url',
      'https://sms.atelier.example/',
      '--db',
      db,
    ])

    assert.equal(json.code, 0, json.stderr)
    const created = JSON.parse(json.stdout) as Record<string, string>
    assert.equal(created['platform'], 'woocommerce')
    assert.match(created['platform_secret']!, /^wcsec_/)
    assert.equal(
      created['endpoint'],
      `http://127.0.0.1:8080/v1/stores/${created['id']}/woocommerce/webhooks`,
    )
    assert.equal(text.code, 0, text.stderr)
    const id = /id:\s+(st_\w+)/.exec(text.stdout)?.[1]
    assert.match(
      text.stdout,
      new RegExp(
        `Delivery URL: https://sms\\.atelier\\.example/v1/stores/${id}/woocommerce/webhooks`,
      ),
    )
    assert.match(text.stdout, /Secret:\s+my-own-secret/)
    assert.match(text.stdout, /WooCommerce → Settings → Advanced → Webhooks/)
    assert.match(text.stdout, /“Order created” and “Order updated”/)
  })

  it('tells a Shopify store where to send each topic and how to give Nudge the secret', async () => {
    const db = join(tempDir('stores-create'), 'nudge.db')

    const res = await runNudge([
      'stores',
      'create',
      'Northwind',
      '--platform',
      'shopify',
      '--db',
      db,
    ])

    assert.equal(res.code, 0, res.stderr)
    for (const topic of [
      'checkouts/create',
      'checkouts/update',
      'orders/create',
      'orders/paid',
      'fulfillments/create',
      'fulfillments/update',
    ]) {
      assert.ok(res.stdout.includes(topic), topic)
    }
    assert.match(res.stdout, /Settings → Notifications → Webhooks/)
    assert.match(res.stdout, /curl -X PATCH http:\/\/127\.0\.0\.1:8080\/v1\/store/)
    assert.match(res.stdout, /must reach Nudge over HTTPS/)
  })

  it('refuses an unknown platform', async () => {
    const db = join(tempDir('stores-create'), 'nudge.db')

    const res = await runNudge(['stores', 'create', 'Shop', '--platform', 'magento', '--db', db])

    assert.equal(res.code, 2)
    assert.match(res.stderr, /--platform must be one of shopify, woocommerce, custom/)
  })

  it('sets the default sender and country, and refuses ones the API would refuse', async () => {
    const db = join(tempDir('stores-create'), 'nudge.db')

    const created = await runNudge(
      ['stores', 'create', 'Northwind', '--sender', '+12025550100', '--country', 'US'].concat([
        '--db',
        db,
        '--json',
      ]),
    )
    const badSender = await runNudge(['stores', 'create', 'Bad', '--sender', '+1', '--db', db])
    const badCountry = await runNudge(['stores', 'create', 'Bad', '--country', 'XX', '--db', db])

    assert.equal(created.code, 0, created.stderr)
    const store = JSON.parse(created.stdout) as Record<string, string>
    assert.deepEqual([store['default_sender'], store['default_country']], ['+12025550100', 'US'])
    assert.equal(badSender.code, 2)
    assert.match(badSender.stderr, /--sender: a long code is \+ and 8 to 15 digits/)
    assert.equal(badCountry.code, 2)
    assert.match(badCountry.stderr, /--country must be an ISO 3166-1 alpha-2 code/)
  })
})
