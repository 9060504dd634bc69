import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { isBotUserAgent } from './bot-user-agents.js'

describe('isBotUserAgent', () => {
  it('flags link previews and crawlers by the user agents they send', () => {
    for (const userAgent of [
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      // Apple Messages building a link preview.
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) ' +
        'Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'WhatsApp/2.23.20.0 A',
      'TelegramBot (like TwitterBot)',
      'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
      'Twitterbot/1.0',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    ]) {
      assert.equal(isBotUserAgent(userAgent), true, userAgent)
    }
  })

  it('treats a request without a user agent as a bot', () => {
    assert.equal(isBotUserAgent(undefined), true)
    assert.equal(isBotUserAgent(''), true)
  })

  it('lets phone browsers and in-app browsers through, even a handset named CUBOT', () => {
    for (const userAgent of [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 ' +
        '(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) ' +
        'Chrome/126.0.0.0 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) ' +
        'Chrome/120.0.0.0 Mobile Safari/537.36',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 ' +
        '(KHTML, like Gecko) Mobile/15E148 Instagram 334.0.4.32.98',
    ]) {
      assert.equal(isBotUserAgent(userAgent), false, userAgent)
    }
  })
})
