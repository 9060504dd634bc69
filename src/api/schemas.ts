import { Type, type Static } from 'typebox'
import { MESSAGE_REASONS, MESSAGE_STATUSES } from '../messaging/index.js'
import { CompliancePatchBody, ComplianceSettingsSchema } from './store-compliance.js'

/** Request and response shapes: they validate input and generate the OpenAPI document. */

export const SendMessageBody = Type.Object(
  {
    to: Type.String({ description: 'Recipient, E.164 or national format of the default country' }),
    body: Type.String({ description: 'Text; GSM-7 when every character allows, else UCS-2' }),
    from: Type.Optional(
      Type.String({ description: 'Long code (E.164), short code, or alphanumeric sender ID' }),
    ),
    category: Type.Optional(Type.Union([Type.Literal('transactional'), Type.Literal('marketing')])),
    send_at: Type.Optional(
      Type.String({ description: 'ISO 8601 date-time with offset; schedules the message' }),
    ),
    status_callback: Type.Optional(
      Type.String({ maxLength: 2048, description: 'URL for this message’s status webhooks' }),
    ),
    metadata: Type.Optional(
      Type.Record(Type.String(), Type.String({ maxLength: 500 }), { maxProperties: 20 }),
    ),
  },
  { additionalProperties: false },
)
export type SendMessageBody = Static<typeof SendMessageBody>

const Timestamp = Type.String({ format: 'date-time' })
const NullableTimestamp = Type.Union([Timestamp, Type.Null()])

export const MessageSchema = Type.Object({
  id: Type.String(),
  direction: Type.Union([Type.Literal('outbound'), Type.Literal('inbound')]),
  status: Type.Union(MESSAGE_STATUSES.map((s) => Type.Literal(s))),
  reason: Type.Union([Type.String(), Type.Null()], {
    description:
      'Why the compliance gate held the message for quiet hours (QUIET_HOURS: scheduled ' +
      'until the window opens, and kept once it goes) or suppressed it (NO_CONSENT, ' +
      'OPTED_OUT, FREQUENCY_CAP, NO_SEND_WINDOW: status suppressed); null otherwise',
  }),
  to: Type.String(),
  from: Type.String(),
  body: Type.String(),
  category: Type.Union([Type.Literal('transactional'), Type.Literal('marketing')]),
  encoding: Type.Union([Type.Literal('GSM-7'), Type.Literal('UCS-2')]),
  segments: Type.Integer(),
  price: Type.Object({ amount: Type.String(), currency: Type.String() }),
  country: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([
    Type.Object({ code: Type.String(), message: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  send_at: NullableTimestamp,
  status_callback: Type.Union([Type.String(), Type.Null()]),
  metadata: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()]),
  created_at: Timestamp,
  updated_at: Timestamp,
  sent_at: NullableTimestamp,
  done_at: NullableTimestamp,
})

export const MessageTimelineSchema = Type.Object({
  message_id: Type.String(),
  events: Type.Array(
    Type.Object({
      at: Timestamp,
      status: Type.String(),
      type: Type.String({ description: '`message.status` or `message.inbound`' }),
      reason: Type.Optional(Type.String({ description: 'The gate’s reason, when there is one' })),
      error_code: Type.Optional(Type.String()),
      detail: Type.Optional(Type.String({ description: 'What the error code means' })),
    }),
    {
      description:
        'Every announced change, oldest first: from `sent` on, `suppressed`, and the ' +
        'arrival of a reply. `queued`, `scheduled` and `sending` are not announced.',
    },
  ),
  segments: Type.Array(
    Type.Object({
      seq: Type.Integer({ description: '1-based position in the message' }),
      route_id: Type.String(),
      smsc_message_id: Type.Union([Type.String(), Type.Null()]),
      status: Type.String({ description: '`accepted` until its receipt says more' }),
      submitted_at: NullableTimestamp,
      done_at: NullableTimestamp,
      error_code: Type.Union([Type.String(), Type.Null()]),
    }),
    { description: 'Each segment the SMSC accepted, in order, with its receipt' },
  ),
})

export const MessageListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union(MESSAGE_STATUSES.map((s) => Type.Literal(s)))),
    direction: Type.Optional(Type.Union([Type.Literal('outbound'), Type.Literal('inbound')])),
    reason: Type.Optional(
      Type.Union(
        MESSAGE_REASONS.map((r) => Type.Literal(r)),
        { description: 'Held for quiet hours (QUIET_HOURS) or suppressed for this reason' },
      ),
    ),
    to: Type.Optional(Type.String({ description: 'Number on either side of the message' })),
    since: Type.Optional(Type.String({ description: 'ISO 8601; messages created at or after' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ description: 'next_cursor of the previous page' })),
  },
  { additionalProperties: false },
)
export type MessageListQuery = Static<typeof MessageListQuery>

export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(
    Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
  ),
})

export const StoreSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  webhook_url: Type.Union([Type.String(), Type.Null()]),
  webhook_secret: Type.String({ description: 'Signs outbound webhooks' }),
  default_country: Type.Union([Type.String(), Type.Null()]),
  default_sender: Type.Union([Type.String(), Type.Null()]),
  compliance: ComplianceSettingsSchema,
  platform: Type.Union(
    [Type.Literal('shopify'), Type.Literal('woocommerce'), Type.Literal('custom')],
    {
      description: 'Where the store’s events come from',
    },
  ),
  platform_secret: Type.Union([Type.String(), Type.Null()], {
    description: 'The secret the platform signs the store’s webhooks with',
  }),
  public_base_url: Type.Union([Type.String(), Type.Null()], {
    description: 'The store’s own address, where its short links live',
  }),
  time_zone: Type.Union([Type.String(), Type.Null()], { description: 'IANA zone of the store' }),
  created_at: Timestamp,
  updated_at: Timestamp,
})

export const StorePatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    webhook_url: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
    default_country: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    default_sender: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    compliance: Type.Optional(CompliancePatchBody),
    platform: Type.Optional(
      Type.Union([Type.Literal('shopify'), Type.Literal('woocommerce'), Type.Literal('custom')], {
        description: 'Switching to `woocommerce` without a secret makes one',
      }),
    ),
    platform_secret: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 500 }), Type.Null()], {
        description:
          'Shopify: the signing secret shown under Settings → Notifications → Webhooks; ' +
          'WooCommerce: the webhook’s secret',
      }),
    ),
    public_base_url: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
    time_zone: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
  },
  { additionalProperties: false },
)
export type StorePatchBody = Static<typeof StorePatchBody>

/** Problem responses every authenticated route can give. */
export const COMMON_ERRORS = {
  400: ProblemSchema,
  401: ProblemSchema,
  422: ProblemSchema,
}

/**
 * For routes that check their body in the handler, where type errors and domain-rule errors
 * are reported together: the schema still documents the route, but Fastify neither rejects
 * nor coerces the body first (coercion would turn a numeric `body` into a string unseen).
 */
export const validatedInHandler = (): (() => boolean) => () => true
