export { systemClock, ManualClock, type Clock } from './clock.js'
export { NudgeError, ValidationError, NotFoundError, type FieldProblem } from './nudge-error.js'
export { newId, newSecret } from './ids.js'
export {
  createLogger,
  silentLogger,
  maskPhone,
  type Logger,
  type LoggerSettings,
} from './logger.js'
export { schemaProblems, fieldProblems } from './schema-problems.js'
export { ScaledClock } from './scaled-clock.js'
export { findNul, NUL_PROBLEM } from './text-check.js'
