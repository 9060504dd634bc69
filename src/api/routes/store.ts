import type { FastifyInstance } from 'fastify'
import { isSupportedCountry } from 'libphonenumber-js/max'
import { isHttpUrl, parseSender } from '../../messaging/index.js'
import { schemaProblems, ValidationError, type FieldProblem } from '../../runtime/index.js'
import type { Store, StoreSettingsPatch } from '../../stores/index.js'
import type { ApiDeps } from '../api-deps.js'
import { COMMON_ERRORS, StorePatchBody, StoreSchema, validatedInHandler } from '../schemas.js'

export function storeRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/v1/store',
    {
      schema: {
        summary: 'Read the store’s settings',
        tags: ['store'],
        response: { 200: StoreSchema, 401: COMMON_ERRORS[401] },
      },
    },
    async (request) => toStoreResource(request.store),
  )

  app.patch(
    '/v1/store',
    {
      validatorCompiler: validatedInHandler,
      schema: {
        summary: 'Change the store’s settings; null clears one',
        tags: ['store'],
        body: StorePatchBody,
        response: { 200: StoreSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      // Type errors and setting rules are reported together, each field once.
      const problems = schemaProblems(StorePatchBody, request.body)
      const typed = withoutFields(request.body, problems)
      const patch = checkPatch(typed as StorePatchBody)
      if (!patch.ok) {
        const seen = new Set(problems.map((p) => p.field))
        problems.push(...patch.problems.filter((p) => !seen.has(p.field)))
      }
      if (problems.length > 0 || !patch.ok) throw new ValidationError(problems)

      const store = await deps.registry.update(request.store.id, patch.value)
      await deps.directory.refresh()
      request.log.info({ fields: Object.keys(patch.value) }, 'store settings changed')
      return toStoreResource(store)
    },
  )
}

/** The fields of a JSON object that passed their type checks; nothing for a non-object. */
function withoutFields(body: unknown, problems: readonly FieldProblem[]): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {}
  return Object.fromEntries(
    Object.entries(body).filter(([field]) => !problems.some((p) => p.field === `/${field}`)),
  )
}

function checkPatch(
  body: StorePatchBody,
): { ok: true; value: StoreSettingsPatch } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  if (typeof body.name === 'string' && body.name.trim().length === 0) {
    problems.push({
      field: '/name',
      code: 'NAME_BLANK',
      message: 'must contain a visible character',
    })
  }
  const url = body.webhook_url
  if (typeof url === 'string' && !isHttpUrl(url)) {
    problems.push({
      field: '/webhook_url',
      code: 'URL_INVALID',
      message: 'must be an absolute http or https URL',
    })
  }
  const country = body.default_country
  if (typeof country === 'string' && !(/^[A-Z]{2}$/.test(country) && isSupportedCountry(country))) {
    problems.push({
      field: '/default_country',
      code: 'COUNTRY_INVALID',
      message: 'must be an ISO 3166-1 alpha-2 code with a numbering plan, e.g. "US"',
    })
  }
  const sender = body.default_sender
  if (typeof sender === 'string') {
    const parsed = parseSender(sender)
    if (!parsed.ok)
      problems.push({ field: '/default_sender', code: parsed.code, message: parsed.message })
  }
  if (problems.length > 0) return { ok: false, problems }

  return {
    ok: true,
    value: {
      name: body.name?.trim(),
      webhookUrl: url,
      defaultCountry: country,
      defaultSender: sender,
    },
  }
}

function toStoreResource(store: Store): Record<string, unknown> {
  return {
    id: store.id,
    name: store.name,
    webhook_url: store.webhookUrl,
    webhook_secret: store.webhookSecret,
    default_country: store.defaultCountry,
    default_sender: store.defaultSender,
    created_at: new Date(store.createdAt).toISOString(),
    updated_at: new Date(store.updatedAt).toISOString(),
  }
}
