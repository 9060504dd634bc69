import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { findUrls } from './find-urls.js'

const urls = (text: string) => findUrls(text).map((m) => m.url)

describe('findUrls', () => {
  it('finds each http and https URL with where it starts', () => {
    assert.deepEqual(findUrls('Cart: https://shop.example/c?id=1 or http://shop.example'), [
      { url: 'https://shop.example/c?id=1', index: 6 },
      { url: 'http://shop.example', index: 37 },
    ])
  })

  it('leaves sentence punctuation after a URL out of it', () => {
    assert.deepEqual(
      urls('See https://shop.example/a. Or https://shop.example/b, https://shop.example/c!?'),
      ['https://shop.example/a', 'https://shop.example/b', 'https://shop.example/c'],
    )
  })

  it('keeps brackets that belong to the URL and drops the ones around it', () => {
    assert.deepEqual(
      urls('(see https://shop.example/a) and https://en.wikipedia.org/wiki/Tee_(golf).'),
      ['https://shop.example/a', 'https://en.wikipedia.org/wiki/Tee_(golf)'],
    )
  })

  it('stops at quotes, angle brackets and an ellipsis', () => {
    assert.deepEqual(
      urls('“https://shop.example/q” <https://shop.example/r> https://shop.example/s…'),
      ['https://shop.example/q', 'https://shop.example/r', 'https://shop.example/s'],
    )
  })

  it('keeps query strings and fragments whole', () => {
    assert.deepEqual(urls('https://shop.example/p?utm_source=sms&x=a,b#top'), [
      'https://shop.example/p?utm_source=sms&x=a,b#top',
    ])
  })

  it('ignores other schemes, bare domains and URLs without a host', () => {
    assert.deepEqual(
      urls('ftp://a.example shop.example mailto:a@b.example https:// xhttps://a.example'),
      [],
    )
  })
})
