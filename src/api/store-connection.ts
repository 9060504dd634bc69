import { checkTimeZone, collectProblems } from '../compliance/index.js'
import type { FieldProblem } from '../runtime/index.js'
import { publicBaseUrlOf, type StoreSettingsPatch } from '../stores/index.js'
import type { StorePatchBody } from './schemas.js'

/**
 * Checks how a store connects to its platform, adding to `problems`, and returns the
 * settings to change. The secret is kept exactly as given, since it must reproduce the
 * platform's signatures; the public base URL loses a trailing slash so links can be appended.
 */
export function checkConnection(
  body: StorePatchBody,
  problems: FieldProblem[],
): Pick<StoreSettingsPatch, 'platform' | 'platformSecret' | 'publicBaseUrl' | 'timeZone'> {
  const problem = collectProblems(problems)
  const secret = body.platform_secret
  if (typeof secret === 'string' && secret.trim() === '') {
    problem('/platform_secret', 'SECRET_BLANK', 'must contain a visible character')
  }
  if (typeof body.time_zone === 'string') checkTimeZone(body.time_zone, '/time_zone', problem)

  let publicBaseUrl = body.public_base_url
  if (typeof publicBaseUrl === 'string') {
    const base = publicBaseUrlOf(publicBaseUrl)
    if (base === undefined) {
      problem(
        '/public_base_url',
        'URL_INVALID',
        'must be an absolute http or https URL without a query or fragment',
      )
    }
    publicBaseUrl = base ?? publicBaseUrl
  }
  return {
    platform: body.platform,
    platformSecret: secret,
    publicBaseUrl,
    timeZone: body.time_zone,
  }
}
