import { Type, type Static } from 'typebox'

export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const

export type Weekday = (typeof WEEKDAYS)[number]

const WeekdayName = Type.Union(WEEKDAYS.map((day) => Type.Literal(day)))

/** A local time of day as `HH:MM`, `00:00` to `24:00`; checked after the schema. */
const TimeOfDay = Type.String({ minLength: 1 })

const Hours = Type.Object(
  {
    /** Local time from which sending is allowed, e.g. `08:00`. */
    start: TimeOfDay,
    /** Local time from which sending stops, e.g. `20:00`; `24:00` is midnight at day end. */
    end: TimeOfDay,
  },
  { additionalProperties: false },
)

const CountryRuleEntry = Type.Object(
  {
    /** Sending hours in the recipient's local time on every allowed day. */
    hours: Hours,
    /** Hours that replace `hours` on the days named, e.g. a shorter Saturday. */
    weekdayHours: Type.Optional(
      Type.Object(Object.fromEntries(WEEKDAYS.map((day) => [day, Type.Optional(Hours)])), {
        additionalProperties: false,
      }),
    ),
    /** Days of the week on which nothing may be sent. */
    forbiddenWeekdays: Type.Optional(Type.Array(WeekdayName, { uniqueItems: true })),
    /** Whether the country's public holidays (recipient's local date) forbid sending. */
    forbiddenOnPublicHolidays: Type.Optional(Type.Boolean()),
    /** Where the rule comes from: laws, regulators' or carriers' pages. */
    sources: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    /** Free text for the operator, e.g. how sources disagree. */
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

/** The operator's country rules file (`config/quiet-hours.json`). */
export const CountryRulesFileSchema = Type.Object(
  {
    /** Free text for the operator; ignored. */
    note: Type.Optional(Type.String()),
    /**
     * Rules by ISO 3166-1 alpha-2 country code of the recipient, e.g. `FR`. Other keys are
     * reported by the loader, which words the problem better than the schema can.
     */
    countries: Type.Record(Type.String({ pattern: '^[A-Z]{2}$' }), CountryRuleEntry),
  },
  { additionalProperties: false },
)

export type CountryRulesFile = Static<typeof CountryRulesFileSchema>
export type CountryRuleEntry = Static<typeof CountryRuleEntry>
