import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startApiHarness, type ApiHarness } from '../../../test/support/api-harness.js'
import { DATABASE_KINDS } from '../../../test/support/test-database.js'
import {
  countClicks,
  createLinkShortener,
  uniqueClicksByMessage,
} from '../../automation/links/index.js'

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 ' +
  '(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
const TARGET = 'https://shop.example/548380009/checkouts/ac/c1-7a3f/recover?key=e2b1'

for (const database of DATABASE_KINDS) {
  describe(`GET /r/:code on ${database}`, () => {
    let h: ApiHarness
    let storeId: string
    let code: string

    before(async () => {
      h = await startApiHarness({ database })
      storeId = (await h.store('Northwind', { publicBaseUrl: 'https://go.northwind.example' })).id
      const shortened = await h.db.transaction().execute((trx) =>
        createLinkShortener().shorten(trx, {
          storeId,
          text: `Your cart is waiting: ${TARGET}`,
          baseUrl: 'https://go.northwind.example',
          messageId: 'msg_01',
          flowRunId: 'run_01',
          nowMs: h.clock.now(),
        }),
      )
      code = shortened.codes[0]!
    })
    after(() => h.close())

    const follow = (path: string, userAgent?: string, method: 'GET' | 'HEAD' = 'GET') =>
      h.app.inject({
        method,
        url: path,
        headers: userAgent === undefined ? {} : { 'user-agent': userAgent },
      })
    const clicks = () =>
      h.db.selectFrom('link_clicks').selectAll().where('code', '=', code).orderBy('id').execute()

    it('redirects to the target without an API key and records the click', async () => {
      const res = await follow(`/r/${code}`, IPHONE)

      assert.equal(res.statusCode, 302)
      assert.equal(res.headers.location, TARGET)
      assert.equal(res.headers['cache-control'], 'no-store')
      const [click, ...others] = await clicks()
      assert.equal(others.length, 0)
      assert.deepEqual(
        { ...click, id: undefined, clicked_at: Number(click!.clicked_at) },
        {
          id: undefined,
          code,
          store_id: storeId,
          message_id: 'msg_01',
          clicked_at: h.clock.now(),
          user_agent: IPHONE,
          // Injected requests come from 127.0.0.1; only its keyed hash is kept.
          ip_hash: h.hasher.text('ip:127.0.0.1'),
          is_bot: 0,
        },
      )
      assert.ok(!JSON.stringify(click).includes('127.0.0.1'))
    })

    it('records link previews and HEAD probes as bot clicks, and still redirects them', async () => {
      const preview = await follow(`/r/${code}`, 'facebookexternalhit/1.1 Facebot Twitterbot/1.0')
      const slack = await follow(
        `/r/${code}`,
        'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      )
      const probe = await follow(`/r/${code}`, IPHONE, 'HEAD')

      for (const res of [preview, slack, probe]) assert.equal(res.statusCode, 302)
      // Clicks made in the same millisecond have no order among them: compare as a set.
      const flags = (await clicks()).map((c) => `${Number(c.is_bot)} ${c.user_agent}`).sort()
      assert.deepEqual(flags, [
        `0 ${IPHONE}`,
        `1 ${IPHONE}`,
        '1 Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
        '1 facebookexternalhit/1.1 Facebot Twitterbot/1.0',
      ])
    })

    it('counts people’s clicks by message, unique by visitor, bots apart', async () => {
      await follow(`/r/${code}`, IPHONE)
      const day = { from: h.clock.now() - 3_600_000, to: h.clock.now() + 1 }

      assert.deepEqual(await uniqueClicksByMessage(h.db, storeId, day.from, day.to), [
        { messageId: 'msg_01', clicks: 2, uniqueClicks: 1, firstClickedAtMs: h.clock.now() },
      ])
      assert.deepEqual(await countClicks(h.db, storeId, day.from, day.to), {
        clicks: 2,
        uniqueClicks: 1,
        botClicks: 3,
        clickedMessages: 1,
      })
      assert.deepEqual(await uniqueClicksByMessage(h.db, storeId, day.to, day.to + 1000), [])
    })

    it('answers an unknown or malformed code with a 404 problem', async () => {
      const before = (await clicks()).length
      for (const path of ['/r/Zz9Zz9Z', '/r/abc', '/r/%3Cscript%3E']) {
        const res = await follow(path, IPHONE)
        assert.equal(res.statusCode, 404, path)
        assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
        assert.equal(res.json().code, 'NOT_FOUND')
        assert.equal(res.headers.location, undefined)
      }
      assert.equal((await clicks()).length, before)
    })
  })
}
