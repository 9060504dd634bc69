import { readFileSync } from 'node:fs'
import { schemaProblems } from '../runtime/index.js'
import type { CarrierConfig, Config } from './config.js'
import { isSupportedCountry } from 'libphonenumber-js/max'
import { MIN_ERASURE_KEY_LENGTH } from '../compliance/index.js'
import { loadPriceTable, PriceTableError } from '../messaging/index.js'
import {
  CarrierSchema,
  ConfigFileSchema,
  type CarrierFileEntry,
  type ConfigFile,
} from './config-file-schema.js'
import { ConfigError } from './errors.js'
import { isPostgresUrl } from '../storage/index.js'

/** Options given on the command line; absent ones fall through to env, file, defaults. */
export interface ConfigFlags {
  readonly config?: string
  readonly host?: string
  readonly port?: string
  readonly db?: string
  readonly role?: string
  readonly logLevel?: string
}

const ROLES = ['api', 'worker', 'all'] as const

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/**
 * Resolves the configuration with precedence flags > environment > file > defaults, checks
 * all of it and throws one {@link ConfigError} naming every problem. This is the only place
 * that reads `process.env`; the environment is passed in so tests can supply their own.
 */
export function loadConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv): Config {
  const problems: string[] = []
  const source = flags.config ?? env['NUDGE_CONFIG']
  const file = source === undefined ? {} : readConfigFile(source, problems)

  // Values from the file were checked by its schema; flags and environment are checked here.
  const portText = flags.port ?? env['NUDGE_PORT']
  const port = portText === undefined ? (file.server?.port ?? 8080) : Number(portText)
  if (portText !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    problems.push(`port: "${portText}" is not a TCP port (0-65535)`)
  }

  const logLevelText = flags.logLevel ?? env['NUDGE_LOG_LEVEL']
  const logLevel = logLevelText ?? file.logLevel ?? 'info'
  if (logLevelText !== undefined && !LOG_LEVELS.includes(logLevelText)) {
    problems.push(`logLevel: "${logLevelText}" is not one of ${LOG_LEVELS.join(', ')}`)
  }

  // Each carrier that is well-formed is also checked for what the schema cannot see, even
  // when other parts of the file are broken, so one run lists every problem.
  const carriers = (Array.isArray(file.carriers) ? file.carriers : [])
    .filter((c) => schemaProblems(CarrierSchema, c).length === 0)
    .map((c, i) => resolveCarrier(c, i, env, problems))
  const ids = carriers.map((c) => c.id)
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) {
    problems.push(`carriers: id "${id}" is used more than once`)
  }

  const database =
    flags.db ?? env['NUDGE_DB'] ?? env['DATABASE_URL'] ?? file.database ?? './nudge.db'
  const roleText = flags.role ?? env['NUDGE_ROLE'] ?? file.role ?? 'all'
  const role = ROLES.find((r) => r === roleText)
  if (role === undefined) {
    problems.push(`role: "${roleText}" is not one of ${ROLES.join(', ')}`)
  } else if (role !== 'all' && !isPostgresUrl(database)) {
    problems.push(
      `role: "${role}" runs beside other Nudge processes, which share a PostgreSQL database; ` +
        'set DATABASE_URL (or --db) to a postgres:// URL',
    )
  }
  if (role === 'worker' && carriers.length === 0) {
    problems.push(
      'role: a worker needs carriers in the config file; the built-in simulator serves ' +
        'only a single process (start one with `nudge smsc` and configure it as a carrier)',
    )
  }

  const pricesFile =
    typeof file.messages?.pricesFile === 'string' ? file.messages.pricesFile : undefined
  if (pricesFile !== undefined) checkPriceFile(pricesFile, problems)

  const erasureKey = resolveErasureKey(file.compliance?.erasureKey, env, problems)

  if (problems.length > 0) throw new ConfigError(problems)

  const hooks = file.webhooks ?? {}
  const config: Config = {
    server: { host: flags.host ?? env['NUDGE_HOST'] ?? file.server?.host ?? '127.0.0.1', port },
    database,
    role: role ?? 'all',
    logLevel,
    carriers,
    simulator: {
      receiptDelayMs: file.simulator?.receiptDelayMs ?? 200,
      segmentsPerSecond: file.simulator?.segmentsPerSecond ?? 500,
      window: file.simulator?.window ?? 50,
    },
    messages: {
      maxSegments: file.messages?.maxSegments ?? 10,
      pricesFile: file.messages?.pricesFile,
    },
    webhooks: {
      initialDelaySeconds: hooks.initialDelaySeconds ?? 10,
      multiplier: hooks.multiplier ?? 2,
      maxDelaySeconds: hooks.maxDelaySeconds ?? 3600,
      giveUpAfterSeconds: hooks.giveUpAfterSeconds ?? 86400,
      requestTimeoutMs: hooks.requestTimeoutMs ?? 10000,
      concurrency: hooks.concurrency ?? 32,
    },
    compliance: {
      erasureKey,
      erasureKeyFile:
        file.compliance?.erasureKeyFile ??
        (database === ':memory:' || isPostgresUrl(database)
          ? undefined
          : `${database}.erasure-key`),
      quietHoursRulesFile: file.compliance?.quietHoursRulesFile,
    },
    source,
  }
  return deepFreeze(config)
}

function readConfigFile(path: string, problems: string[]): ConfigFile {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    problems.push(`config file ${path}: ${(err as Error).message}`)
    return {}
  }

  const found = schemaProblems(ConfigFileSchema, parsed)
  for (const p of found) problems.push(`${p.field.slice(1).replaceAll('/', '.')}: ${p.message}`)
  // Even a file with problems is returned: the checks that follow guard their own types and
  // add what they find, and nothing is used unless the whole file is clean.
  return parsed !== null && typeof parsed === 'object' ? (parsed as ConfigFile) : {}
}

/** The erasure key from the environment or the file, if any; too short a key is a problem. */
function resolveErasureKey(
  fromFile: string | { env: string } | undefined,
  env: NodeJS.ProcessEnv,
  problems: string[],
): string | undefined {
  const check = (key: string, where: string): string => {
    if (key.length < MIN_ERASURE_KEY_LENGTH) {
      problems.push(`${where}: the erasure key needs at least ${MIN_ERASURE_KEY_LENGTH} characters`)
    }
    return key
  }

  const fromEnv = env['NUDGE_ERASURE_KEY']
  if (fromEnv !== undefined) return check(fromEnv, 'NUDGE_ERASURE_KEY')
  if (fromFile === undefined) return undefined
  if (typeof fromFile === 'string') return check(fromFile, 'compliance.erasureKey')

  const named = env[fromFile.env]
  if (named === undefined) {
    problems.push(`compliance.erasureKey: environment variable ${fromFile.env} is not set`)
    return undefined
  }
  return check(named, `compliance.erasureKey (${fromFile.env})`)
}

function checkPriceFile(path: string, problems: string[]): void {
  try {
    loadPriceTable(path)
  } catch (err) {
    if (err instanceof PriceTableError) {
      for (const p of err.problems) problems.push(`messages.pricesFile (${path}): ${p}`)
    } else {
      problems.push(`messages.pricesFile: ${(err as Error).message}`)
    }
  }
}

function resolveCarrier(
  entry: CarrierFileEntry,
  index: number,
  env: NodeJS.ProcessEnv,
  problems: string[],
): CarrierConfig {
  const where = `carriers.${index} (${entry.id})`
  let password = ''
  if (typeof entry.password === 'string') {
    password = entry.password
  } else if (env[entry.password.env] === undefined) {
    problems.push(`${where}.password: environment variable ${entry.password.env} is not set`)
  } else {
    password = env[entry.password.env] ?? ''
  }
  if (password.length > 8) {
    problems.push(`${where}.password: SMPP 3.4 allows at most 8 characters`)
  }

  entry.destinations.forEach((d, i) => {
    if ((d.prefix === undefined) === (d.country === undefined)) {
      problems.push(`${where}.destinations.${i}: give exactly one of prefix or country`)
    }
    if (d.country !== undefined && !isSupportedCountry(d.country)) {
      problems.push(`${where}.destinations.${i}.country: "${d.country}" is not a country code`)
    }
  })

  return {
    id: entry.id,
    host: entry.host,
    port: entry.port,
    tls: entry.tls ?? false,
    systemId: entry.systemId,
    password,
    systemType: entry.systemType ?? '',
    bindMode: 'transceiver',
    binds: entry.binds ?? 1,
    window: entry.window ?? 10,
    segmentsPerSecond: entry.segmentsPerSecond ?? 50,
    enquireLinkSeconds: entry.enquireLinkSeconds ?? 30,
    packedGsm7: entry.packedGsm7 ?? false,
    destinations: entry.destinations.map((d) => ({ ...d, priority: d.priority ?? 100 })),
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}
