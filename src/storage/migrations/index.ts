import type { Migration } from 'kysely'
import * as engine from './001-engine.js'
import * as scaleOut from './002-scale-out.js'
import * as compliance from './003-compliance.js'
import * as commerce from './004-commerce.js'
import * as links from './005-links.js'
import * as flows from './006-flows.js'
import * as attribution from './007-attribution.js'
import * as messageLog from './008-message-log.js'
import * as dashboard from './009-dashboard.js'

/** Every migration in order. Names sort in application order; never rename a shipped one. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-engine': engine,
  '002-scale-out': scaleOut,
  '003-compliance': compliance,
  '004-commerce': commerce,
  '005-links': links,
  '006-flows': flows,
  '007-attribution': attribution,
  '008-message-log': messageLog,
  '009-dashboard': dashboard,
}
