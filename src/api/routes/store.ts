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
      const problems = schemaProblems(StorePatchBody, request.body)
      if (problems.length > 0) throw new ValidationError(problems)

      const patch = checkPatch(request.body as StorePatchBody)
      if (!patch.ok) throw new ValidationError(patch.problems)

      const store = await deps.registry.update(request.store.id, patch.value)
      await deps.directory.refresh()
      request.log.info({ fields: Object.keys(patch.value) }, 'store settings changed')
      return toStoreResource(store)
    },
  )
}

function checkPatch(
  body: StorePatchBody,
): { ok: true; value: StoreSettingsPatch } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
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
      name: body.name,
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
