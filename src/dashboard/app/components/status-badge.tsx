/** A message or bind state as a coloured word; the word carries the meaning, not the colour. */
export function StatusBadge({ status, reason }: { status: string; reason?: string | null }) {
  const tone =
    status === 'delivered' || status === 'up'
      ? 'good'
      : status === 'failed' ||
          status === 'undelivered' ||
          status === 'expired' ||
          status === 'rejected' ||
          status === 'down'
        ? 'bad'
        : status === 'suppressed'
          ? 'muted'
          : 'neutral'
  return (
    <span class={`badge badge-${tone}`}>
      {status}
      {reason != null && reason !== '' && <span class="badge-reason"> · {reason}</span>}
    </span>
  )
}
