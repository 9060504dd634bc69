import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino'

export type { Logger }

/**
 * Masks a phone number for logs: country code and the last two digits stay, so support can
 * still tell numbers apart without the log holding a reachable number.
 */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '')
  if (digits.length < 6) return '***'
  return `+${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`
}

/** Fields that may hold a phone number anywhere in a log object. */
const PHONE_PATHS = [
  'recipient',
  'sender',
  'to',
  'from',
  '*.recipient',
  '*.sender',
  '*.to',
  '*.from',
]
/** Fields that must never reach a log at all. */
const SECRET_PATHS = ['body', '*.body', 'apiKey', 'password', 'secret', '*.password', '*.secret']

export interface LoggerSettings {
  readonly level: string
  /** Where lines go; standard output when absent. */
  readonly destination?: DestinationStream
}

/** The one root logger of a process; components take child loggers from it. */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { pid: process.pid },
    redact: {
      paths: [...PHONE_PATHS, ...SECRET_PATHS],
      censor: (value, path) => {
        const key = path[path.length - 1] ?? ''
        if (typeof value === 'string' && !SECRET_PATHS.some((p) => p.endsWith(key))) {
          return maskPhone(value)
        }
        return '[redacted]'
      },
    },
  }
  return settings.destination ? pino(options, settings.destination) : pino(options)
}

/** A logger that writes nothing, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' })
}
