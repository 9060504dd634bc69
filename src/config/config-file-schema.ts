import { Type, type Static } from 'typebox'

/** A secret written in the file, or the name of an environment variable that holds it. */
const Secret = Type.Union([Type.String(), Type.Object({ env: Type.String({ minLength: 1 }) })])

const Destination = Type.Object(
  {
    /** E.164 prefix with `+`, e.g. `+1` or `+4477`. */
    prefix: Type.Optional(Type.String({ pattern: '^\\+[0-9]{1,15}$' })),
    /** ISO 3166-1 alpha-2 country code, e.g. `GB`. */
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    /** Lower numbers win when several carriers serve a destination. */
    priority: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
)

export const CarrierSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' }),
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    tls: Type.Optional(Type.Boolean()),
    systemId: Type.String({ minLength: 1, maxLength: 15 }),
    password: Secret,
    systemType: Type.Optional(Type.String({ maxLength: 12 })),
    bindMode: Type.Optional(Type.Literal('transceiver')),
    binds: Type.Optional(Type.Integer({ minimum: 1, maximum: 32 })),
    window: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    segmentsPerSecond: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    enquireLinkSeconds: Type.Optional(Type.Integer({ minimum: 5 })),
    packedGsm7: Type.Optional(Type.Boolean()),
    destinations: Type.Array(Destination, { minItems: 1 }),
  },
  { additionalProperties: false },
)

/** The operator's config file (JSON). Every field is optional; defaults fill the rest. */
export const ConfigFileSchema = Type.Object(
  {
    server: Type.Optional(
      Type.Object(
        {
          host: Type.Optional(Type.String({ minLength: 1 })),
          port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
        },
        { additionalProperties: false },
      ),
    ),
    database: Type.Optional(Type.String({ minLength: 1 })),
    role: Type.Optional(
      Type.Union([Type.Literal('api'), Type.Literal('worker'), Type.Literal('all')]),
    ),
    logLevel: Type.Optional(
      Type.Union(
        ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      ),
    ),
    carriers: Type.Optional(Type.Array(CarrierSchema)),
    simulator: Type.Optional(
      Type.Object(
        {
          receiptDelayMs: Type.Optional(Type.Integer({ minimum: 0 })),
          segmentsPerSecond: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          window: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        },
        { additionalProperties: false },
      ),
    ),
    messages: Type.Optional(
      Type.Object(
        {
          maxSegments: Type.Optional(Type.Integer({ minimum: 1, maximum: 255 })),
          pricesFile: Type.Optional(Type.String({ minLength: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
    compliance: Type.Optional(
      Type.Object(
        {
          erasureKey: Type.Optional(Secret),
          erasureKeyFile: Type.Optional(Type.String({ minLength: 1 })),
          quietHoursRulesFile: Type.Optional(Type.String({ minLength: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
    webhooks: Type.Optional(
      Type.Object(
        {
          initialDelaySeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          multiplier: Type.Optional(Type.Number({ minimum: 1 })),
          maxDelaySeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          giveUpAfterSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          requestTimeoutMs: Type.Optional(Type.Integer({ minimum: 100 })),
          concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 1024 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

export type ConfigFile = Static<typeof ConfigFileSchema>
export type CarrierFileEntry = Static<typeof CarrierSchema>
