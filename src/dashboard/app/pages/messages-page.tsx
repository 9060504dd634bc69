import { useState } from 'preact/hooks'
import { api, query } from '../api.js'
import { Pager } from '../components/pager.js'
import { ProblemNotice } from '../components/problem-notice.js'
import { StatusBadge } from '../components/status-badge.js'
import { formatMoney, formatTime, maskPhone } from '../format.js'
import { navigate } from '../router.js'
import type { Message, MessagePage } from '../types.js'
import { useRequest } from '../use-request.js'
import { MESSAGE_STATUSES } from '../../../messaging/message-status.js'
import { MessageDetail } from './messages/message-detail.js'

const PAGE_SIZE = 50

/** The message log, newest first: a page at a time, filtered on the server. */
export function MessagesPage({ params }: { params: URLSearchParams }) {
  const filters = {
    to: params.get('to') ?? '',
    status: params.get('status') ?? '',
    direction: params.get('direction') ?? '',
  }
  const filterKey = JSON.stringify(filters)
  // Cursors of the pages seen so far, so "newer" goes back without asking the server anew.
  const [cursors, setCursors] = useState<{ key: string; stack: (string | undefined)[] }>({
    key: filterKey,
    stack: [undefined],
  })
  const stack = cursors.key === filterKey ? cursors.stack : [undefined]
  const cursor = stack[stack.length - 1]
  const [selected, setSelected] = useState<string>()

  const page = useRequest(
    () => api<MessagePage>('GET', `/v1/messages${query({ ...filters, limit: PAGE_SIZE, cursor })}`),
    `${filterKey}|${cursor ?? ''}`,
  )

  const search = (event: Event) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget as HTMLFormElement)
    const next = {
      to: String(form.get('to') ?? '').trim(),
      status: String(form.get('status') ?? ''),
      direction: String(form.get('direction') ?? ''),
    }
    // The same search again asks anew: new messages may have come since.
    if (!navigate(`/messages${query(next)}`)) page.reload()
  }

  return (
    <>
      <h1>Messages</h1>
      <form class="filters" role="search" onSubmit={search} key={filterKey}>
        <label class="field">
          Phone number
          <input type="search" name="to" defaultValue={filters.to} placeholder="+12025550143" />
        </label>
        <label class="field">
          Status
          <select name="status" defaultValue={filters.status}>
            <option value="">Any</option>
            {MESSAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          Direction
          <select name="direction" defaultValue={filters.direction}>
            <option value="">Both</option>
            <option value="outbound">Sent</option>
            <option value="inbound">Replies</option>
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      <ProblemNotice problem={page.problem} />
      <div class="table-wrap" aria-busy={page.loading}>
        <table class="log">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Number</th>
              <th scope="col">Status</th>
              <th scope="col" class="wide-only">
                Segments
              </th>
              <th scope="col" class="wide-only">
                Price
              </th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {page.data?.data.map((m) => (
              <MessageRow key={m.id} message={m} onOpen={() => setSelected(m.id)} />
            ))}
          </tbody>
        </table>
        {page.data?.data.length === 0 && <p class="empty">No messages match.</p>}
      </div>
      <Pager
        page={stack.length - 1}
        hasNext={page.data?.next_cursor != null}
        onPrevious={() => setCursors({ key: filterKey, stack: stack.slice(0, -1) })}
        onNext={() =>
          setCursors({ key: filterKey, stack: [...stack, page.data?.next_cursor ?? undefined] })
        }
      />
      {selected !== undefined && (
        <MessageDetail id={selected} onClose={() => setSelected(undefined)} />
      )}
    </>
  )
}

function MessageRow({ message, onOpen }: { message: Message; onOpen: () => void }) {
  const inbound = message.direction === 'inbound'
  return (
    <tr>
      <td>{formatTime(message.created_at)}</td>
      <td>
        <span class="direction" title={inbound ? 'Reply received' : 'Sent'}>
          {inbound ? '↙' : '↗'}
        </span>{' '}
        {maskPhone(inbound ? message.from : message.to)}
      </td>
      <td>
        <StatusBadge status={message.status} reason={message.reason} />
      </td>
      <td class="number wide-only">{message.segments}</td>
      <td class="number wide-only">{formatMoney(message.price)}</td>
      <td>
        <button type="button" class="link-button" onClick={onOpen}>
          {shorten(message.body, 60)}
        </button>
      </td>
    </tr>
  )
}

/** The first `length` characters, never cutting an emoji or other astral character in two. */
function shorten(text: string, length: number): string {
  const characters = Array.from(text)
  return characters.length > length ? `${characters.slice(0, length).join('')}…` : text
}
