import { Type, type Static } from 'typebox'
import type { FieldProblem } from '../runtime/index.js'
import type { ComplianceSettings } from '../stores/index.js'

/** A store's compliance settings over HTTP: shapes, rules and the resource. */

const TIME_OF_DAY = /^(?:([01][0-9]|2[0-3]):([0-5][0-9])|(24):(00))$/
const REPLY_MAX_LENGTH = 480

const NullableString = Type.Union([Type.String(), Type.Null()])
const ReplyText = Type.Union([Type.String({ maxLength: REPLY_MAX_LENGTH }), Type.Null()], {
  description: 'Own text (`{store}` becomes the store name); null for the default',
})

export const ComplianceSettingsSchema = Type.Object({
  quiet_hours: Type.Object({
    start: Type.String({ description: 'Recipient-local time promotions may start, HH:MM' }),
    end: Type.String({ description: 'Recipient-local time they stop, HH:MM (24:00 allowed)' }),
    transactional: Type.Boolean({ description: 'Hold transactional messages in quiet hours too' }),
  }),
  frequency_cap: Type.Union(
    [Type.Object({ messages: Type.Integer(), window_hours: Type.Integer() }), Type.Null()],
    { description: 'At most `messages` promotions per recipient in any `window_hours`' },
  ),
  help_text: NullableString,
  replies: Type.Object({
    opt_out: NullableString,
    opt_in: NullableString,
    double_opt_in: NullableString,
  }),
})

export const CompliancePatchBody = Type.Object(
  {
    quiet_hours: Type.Optional(
      Type.Object(
        {
          start: Type.Optional(Type.String()),
          end: Type.Optional(Type.String()),
          transactional: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    frequency_cap: Type.Optional(
      Type.Union([
        Type.Object(
          {
            messages: Type.Integer({ minimum: 1, maximum: 1000 }),
            window_hours: Type.Integer({ minimum: 1, maximum: 720 }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    help_text: Type.Optional(ReplyText),
    replies: Type.Optional(
      Type.Object(
        {
          opt_out: Type.Optional(ReplyText),
          opt_in: Type.Optional(ReplyText),
          double_opt_in: Type.Optional(ReplyText),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type CompliancePatchBody = Static<typeof CompliancePatchBody>

/**
 * The settings after a patch over the current ones, or every rule the patch breaks, each under
 * `/compliance/…`. Times are HH:MM with the start before the end; texts need a visible
 * character. Absent fields keep their value; null restores a default (or removes the cap).
 */
export function checkCompliancePatch(
  patch: CompliancePatchBody,
  current: ComplianceSettings,
): { ok: true; value: ComplianceSettings } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const quiet = patch.quiet_hours ?? {}
  const startMinute = minuteOf(quiet.start, '/compliance/quiet_hours/start', problems)
  const endMinute = minuteOf(quiet.end, '/compliance/quiet_hours/end', problems)
  const window = {
    startMinute: startMinute ?? current.quietHours.startMinute,
    endMinute: endMinute ?? current.quietHours.endMinute,
  }
  if (problems.length === 0 && window.startMinute >= window.endMinute) {
    problems.push({
      field: '/compliance/quiet_hours',
      code: 'WINDOW_EMPTY',
      message: `start (${formatMinute(window.startMinute)}) must come before end (${formatMinute(window.endMinute)})`,
    })
  }

  const text = (value: string | null | undefined, field: string): string | null | undefined => {
    if (typeof value === 'string' && value.trim().length === 0) {
      problems.push({ field, code: 'TEXT_BLANK', message: 'must contain a visible character' })
    }
    return typeof value === 'string' ? value.trim() : value
  }
  const helpText = text(patch.help_text, '/compliance/help_text')
  const replies = patch.replies ?? {}
  const optOut = text(replies.opt_out, '/compliance/replies/opt_out')
  const optIn = text(replies.opt_in, '/compliance/replies/opt_in')
  const doubleOptIn = text(replies.double_opt_in, '/compliance/replies/double_opt_in')
  if (problems.length > 0) return { ok: false, problems }

  const cap = patch.frequency_cap
  return {
    ok: true,
    value: {
      quietHours: window,
      quietHoursForTransactional: quiet.transactional ?? current.quietHoursForTransactional,
      frequencyCap:
        cap === undefined
          ? current.frequencyCap
          : cap === null
            ? null
            : { messages: cap.messages, windowMs: cap.window_hours * 3600_000 },
      helpText: helpText === undefined ? current.helpText : helpText,
      replies: {
        optOut: optOut === undefined ? current.replies.optOut : optOut,
        optIn: optIn === undefined ? current.replies.optIn : optIn,
        doubleOptIn: doubleOptIn === undefined ? current.replies.doubleOptIn : doubleOptIn,
      },
    },
  }
}

export function toComplianceResource(
  settings: ComplianceSettings,
): Static<typeof ComplianceSettingsSchema> {
  const cap = settings.frequencyCap
  return {
    quiet_hours: {
      start: formatMinute(settings.quietHours.startMinute),
      end: formatMinute(settings.quietHours.endMinute),
      transactional: settings.quietHoursForTransactional,
    },
    frequency_cap:
      cap === null ? null : { messages: cap.messages, window_hours: cap.windowMs / 3600_000 },
    help_text: settings.helpText,
    replies: {
      opt_out: settings.replies.optOut,
      opt_in: settings.replies.optIn,
      double_opt_in: settings.replies.doubleOptIn,
    },
  }
}

function minuteOf(
  value: string | undefined,
  field: string,
  problems: FieldProblem[],
): number | undefined {
  if (value === undefined) return undefined
  const match = TIME_OF_DAY.exec(value)
  if (match === null) {
    problems.push({ field, code: 'TIME_INVALID', message: 'must be a time HH:MM, 00:00-24:00' })
    return undefined
  }
  return Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4])
}

function formatMinute(minute: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`
}
