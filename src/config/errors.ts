import { NudgeError } from '../runtime/index.js'

/** The configuration cannot be used; `problems` lists every one found. */
export class ConfigError extends NudgeError {
  readonly code = 'CONFIG_INVALID'
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`)
    this.problems = problems
  }
}
