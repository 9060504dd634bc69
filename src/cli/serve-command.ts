import { loadConfig } from '../config/index.js'
import { createLogger, type Logger } from '../runtime/index.js'
import type { CliOptions } from './main.js'
import { startNudge, type RunningNudge } from './start-nudge.js'

export async function runServe(options: CliOptions): Promise<number> {
  const config = loadConfig(
    {
      config: options.config,
      host: options.host,
      port: options.port,
      db: options.db,
      role: options.role,
      logLevel: options['log-level'],
    },
    process.env,
  )
  const logger = createLogger({ level: config.logLevel })

  let exitCode = 0
  let stop: (reason: string) => void = () => undefined
  const stopped = new Promise<void>((resolve) => {
    stop = (reason) => {
      logger.info({ reason }, 'stopping')
      nudge.close().then(resolve, (err: unknown) => {
        logger.error({ err }, 'stop failed')
        resolve()
      })
    }
  })

  let nudge: RunningNudge
  try {
    nudge = await startNudge({
      config,
      logger,
      onFatal(err) {
        // Another process now sends on a route this one was using; carrying on could break
        // the carrier's limits. Stop, and let the supervisor start a fresh process.
        logger.fatal({ err }, 'cannot go on safely')
        exitCode = 1
        stop('fatal')
      },
    })
  } catch (err) {
    logger.fatal({ err }, 'nudge could not start')
    return 1
  }
  if (config.role === 'all') await greetFirstRun(nudge, logger)

  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
  await stopped
  return exitCode
}

/**
 * On an empty database with the built-in simulator as the route, creates a demo store, sends
 * one message through the whole pipeline and prints how to send another, so a fresh install
 * shows the path working without reading further.
 */
async function greetFirstRun(nudge: RunningNudge, logger: Logger): Promise<void> {
  if ((await nudge.registry.list()).length > 0) return
  // With real carriers a demo text would be a real, billed SMS: only explain the next step.
  if (nudge.simulator === undefined) {
    process.stderr.write('\nNudge is running. Create a store with: nudge stores create NAME\n\n')
    return
  }

  const { store, apiKey } = await nudge.registry.create('Demo store')
  await nudge.registry.update(store.id, { defaultSender: 'Nudge', defaultCountry: 'US' })
  logger.info({ storeId: store.id }, 'demo store created')

  const demo = await sendDemoMessage(nudge.apiUrl, apiKey)
  const control = nudge.simulator ? `http://127.0.0.1:${nudge.simulator.controlPort}` : undefined
  process.stderr.write(
    [
      '',
      'Nudge is running. A demo store was created for this new database:',
      `  store id:       ${store.id}`,
      `  API key:        ${apiKey}   (shown once)`,
      `  webhook secret: ${store.webhookSecret}`,
      '',
      `A first message went through the whole pipeline: ${demo}`,
      '',
      'Send one yourself (with no carrier configured it goes to the built-in SMSC simulator):',
      '',
      `  curl -s ${nudge.apiUrl}/v1/messages \\`,
      `    -H 'Authorization: Bearer ${apiKey}' -H 'Content-Type: application/json' \\`,
      `    -d '{"to": "+12025550143", "body": "Hello from Nudge"}'`,
      '',
      `Then follow it:  curl -s ${nudge.apiUrl}/v1/messages -H 'Authorization: Bearer ${apiKey}'`,
      control === undefined ? '' : `What the SMSC saw:  curl -s ${control}/submitted`,
      `API docs:  ${nudge.apiUrl}/docs`,
      `Dashboard: ${nudge.apiUrl}/  (log in with the API key)`,
      '',
    ].join('\n'),
  )
}

/** Sends one message through the public API and waits (up to 5 s) for its final status. */
async function sendDemoMessage(apiUrl: string, apiKey: string): Promise<string> {
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
  const startedMs = Date.now()
  const sent = await fetch(`${apiUrl}/v1/messages`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ to: '+12025550143', body: 'Hello from Nudge' }),
  })
  const message = (await sent.json()) as { id: string; status: string }
  if (sent.status !== 202) return `not accepted (HTTP ${sent.status})`

  let status = message.status
  while (
    Date.now() - startedMs < 5000 &&
    !['delivered', 'undelivered', 'failed'].includes(status)
  ) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    const read = await fetch(`${apiUrl}/v1/messages/${message.id}`, { headers })
    status = ((await read.json()) as { status: string }).status
  }
  return `${message.id} is ${status} after ${Date.now() - startedMs} ms`
}
