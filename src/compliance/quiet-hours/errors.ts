import { NudgeError } from '../../runtime/index.js'

/** The country rules file cannot be read or breaks the format; `problems` lists every fault. */
export class QuietHoursRulesError extends NudgeError {
  readonly code = 'QUIET_HOURS_RULES_INVALID'
  readonly problems: readonly string[]

  constructor(file: string, problems: readonly string[], cause?: unknown) {
    super(`quiet hours rules file ${file} is not usable:\n  - ${problems.join('\n  - ')}`, {
      details: { file, problems },
      cause,
    })
    this.problems = problems
  }
}

/** The number to time zone map that ships with the phone data package is missing or unreadable. */
export class PhoneZoneDataError extends NudgeError {
  readonly code = 'PHONE_ZONE_DATA_UNREADABLE'

  constructor(file: string, cause: unknown) {
    super(`the number to time zone map ${file} cannot be read`, { details: { file }, cause })
  }
}
