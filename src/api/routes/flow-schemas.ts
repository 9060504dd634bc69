import { Type, type Static } from 'typebox'
import type { DiscountSettings } from '../../automation/discounts/index.js'
import {
  FLOW_CATEGORY,
  type Flow,
  type FlowRunRow,
  type FlowStep,
  type FlowStepRow,
} from '../../automation/flows/index.js'

/** Request and response shapes of the flow routes; they also generate the OpenAPI document. */

const FlowIdSchema = Type.Union([
  Type.Literal('abandoned_checkout'),
  Type.Literal('order_confirmation'),
  Type.Literal('shipping_update'),
])

const NullableTimestamp = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])

const DiscountSchema = Type.Object(
  {
    type: Type.Union([Type.Literal('percent'), Type.Literal('fixed')]),
    value: Type.Number({
      description: 'A whole percentage (10), or an amount in the store’s currency (5.50)',
    }),
    expires_in_days: Type.Optional(
      Type.Integer({ description: 'From the moment the code is created; default 7' }),
    ),
  },
  { additionalProperties: false },
)

const StepSchema = Type.Object(
  {
    delay_minutes: Type.Integer({
      description:
        'Minutes after the checkout (abandoned checkout, increasing from step to step); 0 for ' +
        'the flows that send at once',
    }),
    template: Type.String({ maxLength: 10_000, description: 'Liquid; see the template variables' }),
    discount: Type.Optional(Type.Union([DiscountSchema, Type.Null()])),
  },
  { additionalProperties: false },
)

export const FlowIdParam = Type.Object({
  flow: Type.String({
    description: '`abandoned_checkout`, `order_confirmation` or `shipping_update`',
  }),
})
export type FlowIdParam = Static<typeof FlowIdParam>

export const FlowSchema = Type.Object({
  id: FlowIdSchema,
  category: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')]),
  enabled: Type.Boolean(),
  steps: Type.Array(StepSchema),
})

export const FlowPatchBody = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    steps: Type.Optional(Type.Array(StepSchema, { maxItems: 10 })),
  },
  { additionalProperties: false },
)
export type FlowPatchBody = Static<typeof FlowPatchBody>

const DiscountSettingsSchema = Type.Object({
  api_url: Type.Union([Type.String(), Type.Null()], {
    description: 'The shop’s base URL, where codes are created',
  }),
  prefix: Type.String(),
  has_credentials: Type.Boolean({ description: 'Credentials are stored; they are never shown' }),
})

export const FlowListSchema = Type.Object({
  flows: Type.Array(FlowSchema),
  discounts: DiscountSettingsSchema,
})

export const FlowSettingsPatchBody = Type.Object(
  {
    discounts: Type.Optional(
      Type.Object(
        {
          api_url: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
          access_token: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
          consumer_key: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
          consumer_secret: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
          prefix: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type FlowSettingsPatchBody = Static<typeof FlowSettingsPatchBody>

export const RunListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) },
  { additionalProperties: false },
)
export type RunListQuery = Static<typeof RunListQuery>

const RunSchema = Type.Object({
  id: Type.String(),
  status: Type.String({ description: 'active, completed, converted, stopped or failed' }),
  reason: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String({ description: 'Checkout id, order id, or shipment id:tracking number' }),
  phone: Type.Union([Type.String(), Type.Null()]),
  order_id: Type.Union([Type.String(), Type.Null()]),
  generation: Type.Integer({ description: 'Starts at 1; a newer cart restarts the run' }),
  started_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
  ended_at: NullableTimestamp,
  steps: Type.Array(
    Type.Object({
      position: Type.Integer(),
      generation: Type.Integer(),
      status: Type.String({ description: 'pending, sent, suppressed, cancelled or failed' }),
      due_at: NullableTimestamp,
      message_id: Type.Union([Type.String(), Type.Null()]),
      discount_code: Type.Union([Type.String(), Type.Null()]),
      attempts: Type.Integer({ description: 'Failed attempts to create the discount code' }),
      error: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
})

export const RunListSchema = Type.Object({ data: Type.Array(RunSchema) })

export function toFlowResource(flow: Flow): Static<typeof FlowSchema> {
  return {
    id: flow.id,
    category: FLOW_CATEGORY[flow.id],
    enabled: flow.enabled,
    steps: flow.steps.map(toStepResource),
  }
}

function toStepResource(step: FlowStep): Static<typeof StepSchema> {
  const { discount } = step
  return {
    delay_minutes: step.delayMinutes,
    template: step.template,
    discount:
      discount === null
        ? null
        : {
            type: discount.type,
            value: discount.type === 'percent' ? discount.percent : discount.amountMicros / 1e6,
            expires_in_days: discount.expiresInDays,
          },
  }
}

export function toDiscountSettingsResource(
  settings: DiscountSettings,
): Static<typeof DiscountSettingsSchema> {
  return {
    api_url: settings.apiUrl,
    prefix: settings.prefix,
    has_credentials: settings.credentials !== null,
  }
}

export function toRunResource(run: FlowRunRow, steps: readonly FlowStepRow[]) {
  const time = (ms: number | null): string | null =>
    ms === null ? null : new Date(Number(ms)).toISOString()
  return {
    id: run.id,
    status: run.status,
    reason: run.reason,
    subject: run.subject,
    phone: run.phone,
    order_id: run.order_id,
    generation: run.generation,
    started_at: new Date(Number(run.started_at)).toISOString(),
    updated_at: new Date(Number(run.updated_at)).toISOString(),
    ended_at: time(run.ended_at),
    steps: steps.map((s) => ({
      position: s.position,
      generation: s.generation,
      status: s.status,
      due_at: time(s.due_at),
      message_id: s.message_id,
      discount_code: s.discount_code,
      attempts: s.attempts,
      error: s.error,
    })),
  }
}
