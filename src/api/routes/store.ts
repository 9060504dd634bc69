import type { FastifyInstance } from 'fastify'
import { isSupportedCountry } from 'libphonenumber-js/max'
import { isHttpUrl, parseSender } from '../../messaging/index.js'
import { schemaProblems, ValidationError, type FieldProblem } from '../../runtime/index.js'
import type { Store, StoreSettingsPatch } from '../../stores/index.js'
import type { ApiDeps } from '../api-deps.js'
import { COMMON_ERRORS, StorePatchBody, StoreSchema, validatedInHandler } from '../schemas.js'
import { checkCompliancePatch, toComplianceResource } from '../store-compliance.js'
import { checkConnection } from '../store-connection.js'
import { addNewProblems, typedFields } from '../typed-fields.js'

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
        description:
          '`compliance` changes only the fields given: quiet hours (`start`, `end` local HH:MM, ' +
          '`transactional`), `frequency_cap` (null removes it), `help_text` and keyword ' +
          '`replies` (null restores the default texts).',
        tags: ['store'],
        body: StorePatchBody,
        response: { 200: StoreSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      // Type errors and setting rules are reported together, each field once.
      const problems = schemaProblems(StorePatchBody, request.body)
      const typed = typedFields(request.body, problems) as StorePatchBody
      const patch = checkPatch(typed)
      if (!patch.ok) addNewProblems(problems, patch.problems)
      // Merged over the stored settings, not the cached ones the API key brought along.
      const current = await deps.registry.get(request.store.id)
      const compliance =
        typed.compliance === undefined
          ? undefined
          : checkCompliancePatch(typed.compliance, current.compliance)
      if (compliance !== undefined && !compliance.ok) addNewProblems(problems, compliance.problems)
      if (problems.length > 0 || !patch.ok || (compliance !== undefined && !compliance.ok)) {
        throw new ValidationError(problems)
      }

      const store = await deps.registry.update(request.store.id, {
        ...patch.value,
        ...(compliance === undefined ? {} : { compliance: compliance.value }),
      })
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
  const connection = checkConnection(body, problems)
  if (problems.length > 0) return { ok: false, problems }

  return {
    ok: true,
    value: {
      name: body.name?.trim(),
      webhookUrl: url,
      defaultCountry: country,
      defaultSender: sender,
      ...connection,
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
    compliance: toComplianceResource(store.compliance),
    platform: store.platform,
    platform_secret: store.platformSecret,
    public_base_url: store.publicBaseUrl,
    time_zone: store.timeZone,
    created_at: new Date(store.createdAt).toISOString(),
    updated_at: new Date(store.updatedAt).toISOString(),
  }
}
