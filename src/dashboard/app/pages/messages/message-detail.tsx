import { useEffect, useRef } from 'preact/hooks'
import { api } from '../../api.js'
import { ProblemNotice } from '../../components/problem-notice.js'
import { StatusBadge } from '../../components/status-badge.js'
import { formatMoney, formatTime, maskPhone } from '../../format.js'
import type { Message, Timeline } from '../../types.js'
import { useRequest } from '../../use-request.js'

/** One message in a dialog: its text, figures, and every status change and receipt. */
export function MessageDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const message = useRequest(() => api<Message>('GET', `/v1/messages/${id}`), id)
  const timeline = useRequest(() => api<Timeline>('GET', `/v1/messages/${id}/timeline`), id)

  useEffect(() => {
    dialog.current?.showModal()
  }, [])

  const m = message.data
  return (
    <dialog ref={dialog} class="detail" onClose={onClose} aria-labelledby="detail-title">
      <header>
        <h2 id="detail-title">Message</h2>
        <button type="button" class="button-small" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </header>
      <ProblemNotice problem={message.problem ?? timeline.problem} />
      {m && (
        <>
          <div class="phone-bubble">{m.body}</div>
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={m.status} reason={m.reason} />
            </dd>
            <dt>{m.direction === 'inbound' ? 'From' : 'To'}</dt>
            <dd>{maskPhone(m.direction === 'inbound' ? m.from : m.to)}</dd>
            <dt>Encoding</dt>
            <dd>
              {m.encoding}, {m.segments} segment{m.segments === 1 ? '' : 's'}
            </dd>
            <dt>Price</dt>
            <dd>{formatMoney(m.price)}</dd>
            {m.error && (
              <>
                <dt>Error</dt>
                <dd>
                  {m.error.code} {m.error.message}
                </dd>
              </>
            )}
          </dl>
        </>
      )}
      {timeline.data && (
        <>
          <h3>Timeline</h3>
          <ol class="timeline">
            {timeline.data.events.map((e, i) => (
              <li key={i}>
                <time>{formatTime(e.at)}</time> <StatusBadge status={e.status} reason={e.reason} />
                {e.error_code != null && <span> {e.error_code}</span>}
                {e.detail != null && <span class="muted"> {e.detail}</span>}
              </li>
            ))}
          </ol>
          {timeline.data.segments.length > 0 && (
            <>
              <h3>Segments at the carrier</h3>
              <ul class="segments">
                {timeline.data.segments.map((s) => (
                  <li key={s.seq}>
                    #{s.seq} on {s.route_id}: <StatusBadge status={s.status} />{' '}
                    {s.smsc_message_id !== null && <code>{s.smsc_message_id}</code>}
                    {s.error_code !== null && ` (error code ${s.error_code})`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </dialog>
  )
}
