import { SmppCarrier, type CarrierConnection, type SmscSimulator } from '../carriers/index.js'
import type { Config } from '../config/index.js'
import type { Route } from '../delivery/index.js'
import type { Logger } from '../runtime/index.js'

/**
 * The routes of this process: one per configured carrier, or, with none configured, one to
 * the built-in SMSC simulator for every number.
 */
export function buildRoutes(
  config: Config,
  simulator: SmscSimulator | undefined,
  logger: Logger,
): Route[] {
  if (simulator !== undefined) {
    const carrier: CarrierConnection = new SmppCarrier({
      carrierId: 'simulator',
      host: '127.0.0.1',
      port: simulator.smppPort,
      tls: false,
      systemId: 'nudge',
      password: 'nudge',
      systemType: '',
      bindCount: 1,
      windowSize: config.simulator.window,
      enquireLinkSeconds: 30,
      packedGsm7: false,
      logger,
    })
    return [
      {
        routeId: 'simulator',
        carrier,
        segmentsPerSecond: config.simulator.segmentsPerSecond,
        window: config.simulator.window,
        destinations: [{ prefix: '+', priority: 1000 }],
        address: { host: '127.0.0.1', port: simulator.smppPort, binds: 1 },
      },
    ]
  }

  return config.carriers.map((c) => ({
    routeId: c.id,
    carrier: new SmppCarrier({
      carrierId: c.id,
      host: c.host,
      port: c.port,
      tls: c.tls,
      systemId: c.systemId,
      password: c.password,
      systemType: c.systemType,
      bindCount: c.binds,
      windowSize: c.window,
      enquireLinkSeconds: c.enquireLinkSeconds,
      packedGsm7: c.packedGsm7,
      logger,
    }),
    segmentsPerSecond: c.segmentsPerSecond,
    window: c.window * c.binds,
    destinations: c.destinations,
    address: { host: c.host, port: c.port, binds: c.binds },
  }))
}
