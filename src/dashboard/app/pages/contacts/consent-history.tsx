import { formatTime } from '../../format.js'
import type { ConsentRecord } from '../../types.js'

/** Every consent change, newest first, with the evidence collected for it. */
export function ConsentHistory({ records }: { records: readonly ConsentRecord[] }) {
  if (records.length === 0) return <p class="muted">No consent was ever recorded.</p>
  return (
    <div class="table-wrap">
      <table>
        <caption>Consent history</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Change</th>
            <th scope="col">Source</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {[...records].reverse().map((r) => (
            <tr key={r.id}>
              <td>{formatTime(r.evidence.collected_at)}</td>
              <td>
                {r.action === 'opt_in' ? 'Opt-in' : 'Opt-out'} ({r.scope})
              </td>
              <td>{r.source}</td>
              <td class="evidence">
                {r.evidence.wording !== null && <q>{r.evidence.wording}</q>}
                {r.evidence.page_url !== null && <div>Page: {r.evidence.page_url}</div>}
                {r.evidence.ip !== null && <div>IP: {r.evidence.ip}</div>}
                {r.evidence.user_agent !== null && <div class="muted">{r.evidence.user_agent}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
