import type { FastifyInstance } from 'fastify'
import {
  checkDiscountSettings,
  findDiscountSettings,
  saveDiscountSettings,
} from '../../automation/discounts/index.js'
import {
  checkStepOutput,
  checkSteps,
  isFlowId,
  listRuns,
  loadFlow,
  loadFlows,
  patchFlow,
  saveFlow,
  type FlowId,
  type StepDraft,
} from '../../automation/flows/index.js'
import { createTemplateRenderer } from '../../automation/templates/index.js'
import {
  NotFoundError,
  schemaProblems,
  ValidationError,
  type FieldProblem,
} from '../../runtime/index.js'
import type { ApiDeps } from '../api-deps.js'
import { COMMON_ERRORS, ProblemSchema, validatedInHandler } from '../schemas.js'
import { addNewProblems, typedFields } from '../typed-fields.js'
import {
  FlowIdParam,
  FlowListSchema,
  FlowPatchBody,
  FlowSchema,
  FlowSettingsPatchBody,
  RunListQuery,
  RunListSchema,
  toDiscountSettingsResource,
  toFlowResource,
  toRunResource,
} from './flow-schemas.js'

export function flowRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const renderer = createTemplateRenderer()

  const listFlows = async (store: { id: string; publicBaseUrl: string | null }) => ({
    flows: (await loadFlows(deps.db, store)).map(toFlowResource),
    discounts: toDiscountSettingsResource(await findDiscountSettings(deps.db, store.id)),
  })

  app.get(
    '/v1/flows',
    {
      schema: {
        summary: 'The store’s flows and discount settings',
        description:
          'Abandoned checkout (a promotion: reminders after 30 minutes and 24 hours, the ' +
          'second with a 10% code), order confirmation and shipping update (transactional, ' +
          'at once). Abandoned checkout is on by default only for a store with a public base URL.',
        tags: ['flows'],
        response: { 200: FlowListSchema, 401: COMMON_ERRORS[401] },
      },
    },
    async (request) => listFlows(request.store),
  )

  app.patch(
    '/v1/flows',
    {
      validatorCompiler: validatedInHandler,
      schema: {
        summary: 'Connect discount codes to the store’s platform',
        description:
          '`discounts`: `api_url` (the shop’s base URL), the credentials its platform takes ' +
          '(Shopify: `access_token`; WooCommerce: `consumer_key` and `consumer_secret`) and the ' +
          'code `prefix`. Credentials are stored and never shown again.',
        tags: ['flows'],
        body: FlowSettingsPatchBody,
        response: { 200: FlowListSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const problems = schemaProblems(FlowSettingsPatchBody, request.body)
      const typed = typedFields(request.body, problems) as FlowSettingsPatchBody
      const store = await deps.registry.get(request.store.id)
      if (typed.discounts !== undefined) {
        const d = typed.discounts
        const checked = checkDiscountSettings({
          draft: {
            apiUrl: d.api_url,
            accessToken: d.access_token,
            consumerKey: d.consumer_key,
            consumerSecret: d.consumer_secret,
            prefix: d.prefix,
          },
          current: await findDiscountSettings(deps.db, store.id),
          platform: store.platform,
        })
        if (!checked.ok) addNewProblems(problems, checked.problems)
        else if (problems.length === 0) {
          const nowMs = deps.clock.now()
          await saveDiscountSettings(deps.db, {
            storeId: store.id,
            settings: checked.settings,
            nowMs,
          })
          request.log.info({ fields: Object.keys(d) }, 'discount settings changed')
        }
      }
      if (problems.length > 0) throw new ValidationError(problems)
      return listFlows(store)
    },
  )

  app.get(
    '/v1/flows/:flow',
    {
      schema: {
        summary: 'One flow',
        tags: ['flows'],
        params: FlowIdParam,
        response: { 200: FlowSchema, 404: ProblemSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const flow = flowIdOf(request.params as FlowIdParam)
      return toFlowResource(await loadFlow(deps.db, request.store, flow))
    },
  )

  app.patch(
    '/v1/flows/:flow',
    {
      validatorCompiler: validatedInHandler,
      schema: {
        summary: 'Switch a flow on or off, or change its steps',
        description:
          '`steps` replaces every step. Abandoned checkout: 1 to 3 steps, delays in minutes ' +
          'after the checkout, positive and increasing, a discount on any step. Order ' +
          'confirmation and shipping update: one step with delay 0 and no discount. Every ' +
          'problem, template problems with their line and column, comes back at once. Runs ' +
          'already started keep the steps they started with.',
        tags: ['flows'],
        params: FlowIdParam,
        body: FlowPatchBody,
        response: { 200: FlowSchema, 404: ProblemSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const flowId = flowIdOf(request.params as FlowIdParam)
      const problems = schemaProblems(FlowPatchBody, request.body)
      const typed = typedFields(request.body, problems) as FlowPatchBody
      const store = await deps.registry.get(request.store.id)
      const flow = await loadFlow(deps.db, store, flowId)

      // Steps are judged even when some of their fields have the wrong type, so every
      // problem comes back at once; a field with a type error is reported for that alone.
      let steps = flow.steps
      const rawSteps = (request.body as { steps?: unknown } | undefined)?.steps
      if (Array.isArray(rawSteps) && !problems.some((p) => p.field === '/steps')) {
        const checked = checkSteps({ flow: flowId, steps: rawSteps.map(toDraft), renderer })
        if (checked.ok) steps = checked.steps
        else addNewProblems(problems, unrelatedTo(problems, checked.problems))
      }
      if (problems.length === 0 && steps !== flow.steps) {
        problems.push(
          ...(await checkStepOutput({
            flow: flowId,
            steps,
            renderer,
            storeName: store.name,
            maxSegments: deps.maxSegments,
          })),
        )
      }
      if (problems.length > 0) throw new ValidationError(problems)

      const changed = patchFlow(flow, { enabled: typed.enabled, steps: [...steps] })
      await saveFlow(deps.db, { storeId: store.id, flow: changed, nowMs: deps.clock.now() })
      request.log.info({ flow: flowId, enabled: changed.enabled }, 'flow changed')
      return toFlowResource(changed)
    },
  )

  app.get(
    '/v1/flows/:flow/runs',
    {
      schema: {
        summary: 'The flow’s runs, newest first, with their steps',
        tags: ['flows'],
        params: FlowIdParam,
        querystring: RunListQuery,
        response: { 200: RunListSchema, 404: ProblemSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const flow = flowIdOf(request.params as FlowIdParam)
      const { limit = 50 } = request.query as RunListQuery
      const runs = await listRuns(deps.db, { storeId: request.store.id, flow, limit })
      return { data: runs.map(({ run, steps }) => toRunResource(run, steps)) }
    },
  )
}

function flowIdOf(params: FlowIdParam): FlowId {
  if (!isFlowId(params.flow)) throw new NotFoundError('flow', params.flow)
  return params.flow
}

/** A step as sent, with any field of the wrong type read as unusable. */
function toDraft(raw: unknown): StepDraft {
  const step = isObject(raw) ? raw : {}
  const discount = isObject(step['discount']) ? step['discount'] : null
  const type = discount?.['type']
  const value = discount?.['value']
  const expiresInDays = discount?.['expires_in_days']
  return {
    delayMinutes: typeof step['delay_minutes'] === 'number' ? step['delay_minutes'] : NaN,
    template: typeof step['template'] === 'string' ? step['template'] : '',
    discount:
      (type === 'percent' || type === 'fixed') && typeof value === 'number'
        ? { type, value, expiresInDays: typeof expiresInDays === 'number' ? expiresInDays : 7 }
        : null,
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Rule problems about fields no type problem already covers: the same field, one inside it,
 * or, within one step, the field around it (a discount whose value has the wrong type).
 */
function unrelatedTo(
  typeProblems: readonly FieldProblem[],
  ruleProblems: readonly FieldProblem[],
): FieldProblem[] {
  const covers = (type: string, rule: string): boolean =>
    type === rule ||
    rule.startsWith(`${type}/`) ||
    (/^\/steps\/\d+\//.test(rule) && type.startsWith(`${rule}/`))
  return ruleProblems.filter((r) => !typeProblems.some((t) => covers(t.field, r.field)))
}
