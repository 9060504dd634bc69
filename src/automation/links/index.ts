export { createLinkShortener, shortLinkUrl } from './link-shortener.js'
export { findUrls, type UrlMatch } from './find-urls.js'
export { isLinkCode, LINK_CODE_LENGTH } from './link-code.js'
export { isBotUserAgent } from './bot-user-agents.js'
export { findLink, recordClick, type ClickFacts, type Link } from './record-click.js'
export {
  countClicks,
  uniqueClicksByMessage,
  type ClickTotals,
  type MessageClicks,
} from './click-counts.js'
