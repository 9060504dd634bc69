import { startSmscSimulator } from '../carriers/index.js'
import { createLogger } from '../runtime/index.js'
import type { CliOptions } from './main.js'
import { UsageError } from './usage-error.js'

/** Runs the SMSC simulator alone, so Nudge can be tested against an SMSC in another process. */
export async function runSmsc(options: CliOptions): Promise<number> {
  const smppPort = toNumber(options['smpp-port'] ?? '2775', '--smpp-port')
  const controlPort = toNumber(options['control-port'] ?? '8075', '--control-port')
  const receiptDelayMs = toNumber(options['receipt-delay-ms'] ?? '200', '--receipt-delay-ms')
  const delivered = Number(options['delivered-rate'] ?? '1')
  if (!(delivered >= 0 && delivered <= 1)) throw new UsageError('--delivered-rate must be 0-1')

  const logger = createLogger({ level: options['log-level'] ?? 'info' })
  const simulator = await startSmscSimulator({
    host: '127.0.0.1',
    smppPort,
    controlPort,
    receiptDelayMs,
    outcomes: { delivered, undelivered: 1 - delivered, expired: 0, rejected: 0 },
    logger,
  })
  logger.info(
    {
      smpp: `127.0.0.1:${simulator.smppPort}`,
      control: `http://127.0.0.1:${simulator.controlPort}`,
    },
    'smsc simulator started',
  )

  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
  await simulator.close()
  return 0
}

function toNumber(text: string, flag: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0 || value > 65535 * 1000) {
    throw new UsageError(`${flag} must be a whole number, got "${text}"`)
  }
  return value
}
