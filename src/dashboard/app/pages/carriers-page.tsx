import { useEffect } from 'preact/hooks'
import { api } from '../api.js'
import { ProblemNotice } from '../components/problem-notice.js'
import { StatusBadge } from '../components/status-badge.js'
import { formatCount } from '../format.js'
import type { CarrierReport } from '../types.js'
import { useRequest } from '../use-request.js'

const REFRESH_MS = 2000

/** Each route to a carrier: its binds, how fast it sends against its limit, what waits. */
export function CarriersPage() {
  const routes = useRequest(
    () => api<CarrierReport>('GET', '/v1/carriers', { background: true }),
    'carriers',
  )
  useEffect(() => {
    const timer = window.setInterval(routes.reload, REFRESH_MS)
    return () => window.clearInterval(timer)
  }, [routes.reload])

  return (
    <>
      <h1>Carriers</h1>
      <p class="muted">Refreshed every two seconds.</p>
      <ProblemNotice problem={routes.problem} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Route</th>
              <th scope="col">Binds</th>
              <th scope="col">Sending now</th>
              <th scope="col">Limit</th>
              <th scope="col">Waiting</th>
            </tr>
          </thead>
          <tbody>
            {routes.data?.routes.map((route) => (
              <tr key={route.id} data-testid={`route-${route.id}`}>
                <th scope="row">
                  {route.id}
                  <div class="muted">
                    {route.host}:{route.port}
                  </div>
                </th>
                <td>
                  {route.binds === null ? (
                    <span class="muted">
                      {route.owner === null ? 'no sender owns it' : `sent by ${route.owner}`}
                    </span>
                  ) : (
                    <>
                      <StatusBadge status={route.binds.up > 0 ? 'up' : 'down'} /> {route.binds.up}{' '}
                      of {route.binds.configured}
                    </>
                  )}
                </td>
                <td class="number">{route.current_segments_per_second.toFixed(1)} seg/s</td>
                <td class="number">{formatCount(route.rate_limit_segments_per_second)} seg/s</td>
                <td class="number">{formatCount(route.queue_depth)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {routes.data !== undefined && (
        <p data-testid="unrouted">
          {formatCount(routes.data.unrouted)} message{routes.data.unrouted === 1 ? '' : 's'} waiting
          to be handed to a route. A single Nudge process picks the route as it sends; a cluster
          binds each message to its route when a worker claims it.
        </p>
      )}
    </>
  )
}
