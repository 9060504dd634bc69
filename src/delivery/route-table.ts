import type { CarrierConnection } from '../carriers/index.js'
import type { CarrierDestination } from '../config/index.js'

/** A way out to one carrier, with the limits that carrier set for our binds. */
export interface Route {
  readonly routeId: string
  readonly carrier: CarrierConnection
  readonly segmentsPerSecond: number
  /** Outstanding segments across the route's binds awaiting a response. */
  readonly window: number
  readonly destinations: readonly CarrierDestination[]
  /** Where the carrier is reached and how many binds are kept up, for operators to see. */
  readonly address: { readonly host: string; readonly port: number; readonly binds: number }
}

interface Candidate {
  readonly route: Route
  readonly priority: number
  readonly specificity: number
}

/**
 * Chooses carriers for a recipient: every route whose destinations match the number's
 * prefix or country, best first (lowest priority, then the longest matching prefix). The
 * worker takes the first with a bind up, which is how a route fails over.
 */
export class RouteTable {
  readonly #routes: readonly Route[]

  constructor(routes: readonly Route[]) {
    this.#routes = routes
  }

  all(): readonly Route[] {
    return this.#routes
  }

  byId(routeId: string): Route | undefined {
    return this.#routes.find((r) => r.routeId === routeId)
  }

  candidatesFor(recipient: string, country: string | null): Route[] {
    const matches: Candidate[] = []
    for (const route of this.#routes) {
      const best = bestMatch(route.destinations, recipient, country)
      if (best !== undefined) matches.push({ route, ...best })
    }

    matches.sort((a, b) => a.priority - b.priority || b.specificity - a.specificity)
    return matches.map((m) => m.route)
  }

  /** The first matching route with a bind up, else the best match, else none. */
  choose(recipient: string, country: string | null): Route | undefined {
    const candidates = this.candidatesFor(recipient, country)
    return candidates.find((r) => r.carrier.bindsUp() > 0) ?? candidates[0]
  }
}

function bestMatch(
  destinations: readonly CarrierDestination[],
  recipient: string,
  country: string | null,
): { priority: number; specificity: number } | undefined {
  let best: { priority: number; specificity: number } | undefined
  for (const d of destinations) {
    let specificity = -1
    if (d.prefix !== undefined && recipient.startsWith(d.prefix)) specificity = d.prefix.length
    if (d.country !== undefined && d.country === country) specificity = 1
    if (specificity < 0) continue
    if (
      best === undefined ||
      d.priority < best.priority ||
      (d.priority === best.priority && specificity > best.specificity)
    ) {
      best = { priority: d.priority, specificity }
    }
  }
  return best
}
