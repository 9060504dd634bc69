import { Type, type Static } from 'typebox'
import { MessageSchema } from './schemas.js'

/** Shapes of the contact, consent and compliance routes; they also build the OpenAPI document. */

const Timestamp = Type.String({ format: 'date-time' })
const NullableTimestamp = Type.Union([Timestamp, Type.Null()])
const NullableString = Type.Union([Type.String(), Type.Null()])
const Scope = Type.Union([Type.Literal('marketing'), Type.Literal('all')], {
  description: '`marketing`: promotions only; `all`: every message, transactional ones too',
})
const Language = Type.Union(['en', 'fr', 'es', 'de'].map((l) => Type.Literal(l)))

export const PhoneParams = Type.Object({
  phone: Type.String({
    description: 'The recipient in E.164, URL-encoded (`%2B12025550143`)',
  }),
})

const ShippingAddressBody = Type.Object(
  {
    country_code: Type.Optional(NullableString),
    province_code: Type.Optional(NullableString),
    zip: Type.Optional(NullableString),
  },
  { additionalProperties: false },
)

const ContactDetailFields = {
  time_zone: Type.Optional(
    Type.Union([Type.String({ maxLength: 64 }), Type.Null()], {
      description: 'IANA time zone; wins over anything guessed from the number or address',
    }),
  ),
  shipping_address: Type.Optional(Type.Union([ShippingAddressBody, Type.Null()])),
}

export const ConsentBody = Type.Object(
  {
    action: Type.Union([Type.Literal('opt_in'), Type.Literal('opt_out')]),
    scope: Type.Optional(Scope),
    source: Type.Optional(
      Type.Union([Type.Literal('checkout'), Type.Literal('api'), Type.Literal('import')], {
        description: 'Where the consent was collected; default `api`',
      }),
    ),
    evidence: Type.Optional(
      Type.Object(
        {
          wording: Type.Optional(
            Type.String({
              maxLength: 2000,
              description: 'The consent wording shown; required for an opt-in',
            }),
          ),
          page_url: Type.Optional(Type.String({ maxLength: 2048 })),
          ip: Type.Optional(Type.String({ maxLength: 45 })),
          user_agent: Type.Optional(Type.String({ maxLength: 1000 })),
          collected_at: Type.Optional(
            Type.String({ description: 'ISO 8601 with offset; default now' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    double_opt_in: Type.Optional(
      Type.Boolean({
        description:
          'Opt-in only: text the recipient asking them to reply YES; consent is recorded on YES',
      }),
    ),
    language: Type.Optional(Language),
    from: Type.Optional(Type.String({ description: 'Sender of the double opt-in request' })),
    ...ContactDetailFields,
  },
  { additionalProperties: false },
)
export type ConsentBody = Static<typeof ConsentBody>

export const ContactPatchBody = Type.Object(ContactDetailFields, { additionalProperties: false })
export type ContactPatchBody = Static<typeof ContactPatchBody>

export const ConsentRecordSchema = Type.Object({
  id: Type.String(),
  action: Type.Union([Type.Literal('opt_in'), Type.Literal('opt_out')]),
  scope: Scope,
  source: Type.Union([
    Type.Literal('checkout'),
    Type.Literal('keyword'),
    Type.Literal('api'),
    Type.Literal('import'),
    Type.Literal('double_opt_in'),
  ]),
  evidence: Type.Object({
    wording: NullableString,
    page_url: NullableString,
    ip: NullableString,
    user_agent: NullableString,
    collected_at: Timestamp,
  }),
  message_id: NullableString,
  created_at: Timestamp,
})

const ContactFields = {
  phone: Type.String(),
  marketing: Type.Union(
    [Type.Literal('none'), Type.Literal('opted_in'), Type.Literal('opted_out')],
    { description: 'May promotions go? `none` means no consent was ever recorded' },
  ),
  opted_out_of_all: Type.Boolean({ description: 'Stops transactional messages too' }),
  consent_changed_at: NullableTimestamp,
  pending_double_opt_in: Type.Union([
    Type.Object({ scope: Scope, requested_at: Timestamp, message_id: Type.String() }),
    Type.Null(),
  ]),
  time_zone: NullableString,
  shipping_address: Type.Union([
    Type.Object({
      country_code: NullableString,
      province_code: NullableString,
      zip: NullableString,
    }),
    Type.Null(),
  ]),
  created_at: Timestamp,
  updated_at: Timestamp,
}

export const ContactSchema = Type.Object({
  ...ContactFields,
  consent_history: Type.Array(ConsentRecordSchema, { description: 'Oldest first' }),
})

export const DecisionSchema = Type.Object({
  id: Type.String(),
  message_id: Type.String(),
  phone: Type.String({ description: 'A keyed hash (`hash:…`) once the recipient was erased' }),
  category: Type.Union([Type.Literal('transactional'), Type.Literal('marketing')]),
  decision: Type.Union([Type.Literal('allowed'), Type.Literal('held'), Type.Literal('suppressed')]),
  reason: NullableString,
  rule: Type.String({ description: 'The rule that decided' }),
  zones: Type.Array(Type.String(), { description: 'Zones judged; empty without quiet hours' }),
  zone_source: NullableString,
  local_times: Type.Array(Type.String(), { description: 'Local time in each zone when judged' }),
  release_at: NullableTimestamp,
  created_at: Timestamp,
})

export const DecisionListQuery = Type.Object(
  {
    phone: Type.Optional(Type.String({ description: 'Only decisions about this recipient' })),
    since: Type.Optional(Type.String({ description: 'ISO 8601; decisions made at or after' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ description: 'next_cursor of the previous page' })),
  },
  { additionalProperties: false },
)
export type DecisionListQuery = Static<typeof DecisionListQuery>

export const ContactExportSchema = Type.Object({
  phone: Type.String(),
  exported_at: Timestamp,
  contact: Type.Union([Type.Object(ContactFields), Type.Null()]),
  consent_history: Type.Array(ConsentRecordSchema),
  messages: Type.Array(MessageSchema, { description: 'Both directions, oldest first' }),
  gate_decisions: Type.Array(DecisionSchema),
  clicks: Type.Array(Type.Unknown(), {
    description: 'Link clicks; always empty: this version records none',
  }),
  orders: Type.Array(Type.Unknown(), {
    description: 'Attributed orders; always empty: this version records none',
  }),
})

export const ErasureSchema = Type.Object({
  phone: Type.String(),
  erased_at: Timestamp,
  messages: Type.Integer({ description: 'Messages whose number and body were replaced' }),
  consent_records: Type.Integer({ description: 'Consent records stripped of personal fields' }),
  gate_decisions: Type.Integer(),
})

export const ImportResultSchema = Type.Object({
  imported: Type.Integer(),
  opted_in: Type.Integer(),
  opted_out: Type.Integer(),
})
