import type { FastifyInstance } from 'fastify'
import { Type, type Static } from 'typebox'
import {
  createTemplateRenderer,
  knownVariablePaths,
  previewTemplate,
  TEMPLATE_FLOWS,
  type RenderedPreview,
} from '../../automation/templates/index.js'
import { formatMicros } from '../../messaging/index.js'
import type { ApiDeps } from '../api-deps.js'
import { sendProblem } from '../problem.js'
import { PROBLEM_TYPES, problemTypeUri } from '../problem-types.js'
import { COMMON_ERRORS, ProblemSchema } from '../schemas.js'

const PreviewBody = Type.Object(
  {
    template: Type.String({ minLength: 1, maxLength: 10_000, description: 'Liquid template' }),
    flow: Type.Optional(
      Type.Union(
        TEMPLATE_FLOWS.map((f) => Type.Literal(f)),
        { description: 'The flow the template is for: its sample, and the variables it has' },
      ),
    ),
    sample: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Values laid over the built-in sample, e.g. {"customer":{"first_name":"Zoë"}}',
      }),
    ),
    country: Type.Optional(
      Type.String({
        pattern: '^[A-Z]{2}$',
        description: 'Recipient country for the price; the store’s default country when absent',
      }),
    ),
  },
  { additionalProperties: false },
)
type PreviewBody = Static<typeof PreviewBody>

const RenderedSchema = Type.Object({
  text: Type.String({ description: 'As sent: each URL replaced by a short link' }),
  encoding: Type.Union([Type.Literal('GSM-7'), Type.Literal('UCS-2')]),
  units: Type.Integer({ description: 'Septets (GSM-7) or UTF-16 code units (UCS-2)' }),
  units_per_segment: Type.Integer({ description: '160 or 153 (GSM-7), 70 or 67 (UCS-2)' }),
  segments: Type.Integer(),
  price: Type.Object({ amount: Type.String(), currency: Type.String() }),
  ucs2_characters: Type.Array(
    Type.Object({
      character: Type.String(),
      code_point: Type.String({ description: 'U+2019' }),
      positions: Type.Array(Type.Integer(), { description: '0-based UTF-16 indexes in text' }),
    }),
    { description: 'Each character that makes the message UCS-2; empty for GSM-7' },
  ),
})

const PreviewSchema = Type.Object({
  sample: RenderedSchema,
  worst_case: Type.Object(RenderedSchema.properties, {
    description: 'The longest plausible values: 40-character name, 120-character titles, …',
  }),
  country: Type.Union([Type.String(), Type.Null()]),
  links: Type.Object({
    shortened: Type.Boolean(),
    short_link: Type.Union([Type.String(), Type.Null()], {
      description: 'The form each URL was measured as; null without a public base URL',
    }),
    detail: Type.String(),
  }),
})

const TemplateProblemSchema = Type.Object({
  ...ProblemSchema.properties,
  errors: Type.Optional(
    Type.Array(
      Type.Object({
        field: Type.String(),
        code: Type.String(),
        message: Type.String(),
        line: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
        column: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
      }),
    ),
  ),
})

export function templateRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const renderer = createTemplateRenderer()

  app.post(
    '/v1/templates/preview',
    {
      schema: {
        summary: 'Check a message template and see what it sends',
        description:
          'Answers 422 `template-invalid` listing every problem (syntax, unknown variable, ' +
          'unknown filter) with its line and column. Otherwise renders the template for a ' +
          'realistic sample and for the longest plausible values, and measures each as it ' +
          'would be sent: URLs replaced by short links, then encoding, segments and price. ' +
          `Variables: ${knownVariablePaths().join(', ')}. Filters: Liquid's standard ` +
          'filters and `money`, which formats micro-units in the checkout or order currency.',
        tags: ['templates'],
        body: PreviewBody,
        response: { 200: PreviewSchema, ...COMMON_ERRORS, 422: TemplateProblemSchema },
      },
    },
    async (request, reply) => {
      const body = request.body as PreviewBody
      const country = body.country ?? request.store.defaultCountry ?? undefined

      const preview = await previewTemplate(
        { renderer, prices: deps.prices },
        {
          template: body.template,
          flow: body.flow,
          sample: body.sample,
          storeName: request.store.name,
          country,
          baseUrl: request.store.publicBaseUrl,
        },
      )
      if (!preview.ok) {
        const type = PROBLEM_TYPES['TEMPLATE_INVALID']!
        return sendProblem(reply, {
          type: problemTypeUri('TEMPLATE_INVALID'),
          title: type.title,
          status: type.status,
          code: 'TEMPLATE_INVALID',
          detail: `${preview.problems.length} problem(s) in the template`,
          instance: request.url,
          errors: preview.problems.map((p) => ({ field: '/template', ...p })),
        })
      }

      return {
        sample: toResource(preview.sample),
        worst_case: toResource(preview.longest),
        country: country ?? null,
        links: {
          shortened: preview.shortLink !== null,
          short_link: preview.shortLink,
          detail:
            preview.shortLink === null
              ? 'The store has no public base URL, so flows send links as written and they are ' +
                'measured so. Set one to have links shortened and their clicks counted.'
              : 'Flows send every link as a short link that counts clicks, so each URL is ' +
                `measured as ${preview.shortLink}.`,
        },
      }
    },
  )
}

function toResource(rendered: RenderedPreview) {
  return {
    text: rendered.text,
    encoding: rendered.encoding,
    units: rendered.units,
    units_per_segment: rendered.unitsPerSegment,
    segments: rendered.segmentCount,
    price: { amount: formatMicros(rendered.price.amountMicros), currency: rendered.price.currency },
    ucs2_characters: rendered.ucs2Characters.map((c) => ({
      character: c.character,
      code_point: c.codePoint,
      positions: [...c.positions],
    })),
  }
}
