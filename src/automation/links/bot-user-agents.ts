/**
 * User agents of link previews and crawlers, which fetch a link without a person clicking it:
 * a messaging app unfurling the link in a chat, a social network building a card. Each entry
 * is a product token as its owner documents it or as seen in real requests:
 *
 * - `facebookexternalhit`, `Facebot`, `meta-externalagent`: Meta's crawlers (Facebook,
 *   Messenger, Instagram). Apple's Messages asks for link previews as
 *   "… Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0".
 * - `Twitterbot`: X's card crawler.
 * - `Slackbot` (`Slackbot-LinkExpanding 1.0`), `Slack-ImgProxy`: Slack.
 * - `WhatsApp/2.x`: WhatsApp's preview fetcher.
 * - `TelegramBot (like TwitterBot)`: Telegram.
 * - `Discordbot`, `LinkedInBot`, `SkypeUriPreview` (Skype and Teams), `Pinterestbot`,
 *   `redditbot`, `vkShare`, `Embedly`, `Iframely`: previews elsewhere.
 * - `Googlebot`, `bingbot`, `Applebot`, `DuckDuckBot`, `YandexBot`: search engines.
 *
 * Matching is by whole token, case-insensitive, so a handset named like a bot ("CUBOT") is
 * not caught by a bare "bot". In-app browsers (Instagram, Snapchat, LinkedInApp) are people
 * and are not listed.
 */
const BOT_TOKENS = [
  'facebookexternalhit',
  'Facebot',
  'meta-externalagent',
  'Twitterbot',
  'Slackbot',
  'Slack-ImgProxy',
  'WhatsApp',
  'TelegramBot',
  'Discordbot',
  'LinkedInBot',
  'SkypeUriPreview',
  'Pinterestbot',
  'redditbot',
  'vkShare',
  'Embedly',
  'Iframely',
  'Googlebot',
  'bingbot',
  'Applebot',
  'DuckDuckBot',
  'YandexBot',
]

const BOT_PATTERN = new RegExp(
  `(?:^|[^A-Za-z0-9-])(?:${BOT_TOKENS.map((t) => t.replace(/[-]/g, '\\-')).join('|')})(?:$|[^A-Za-z0-9])`,
  'i',
)

/**
 * Whether a request for a short link came from a link preview or crawler rather than a
 * person. A request without a user agent counts as one too: every phone browser sends one.
 */
export function isBotUserAgent(userAgent: string | undefined): boolean {
  if (userAgent === undefined || userAgent.trim() === '') return true
  return BOT_PATTERN.test(userAgent)
}
