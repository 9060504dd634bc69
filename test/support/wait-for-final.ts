/**
 * Pages through the store's messages until every one of `ids` has a final status, or the
 * time runs out; returns the last status seen of each.
 */
export async function waitForFinal(
  apiUrl: string,
  headers: Record<string, string>,
  ids: readonly string[],
  timeoutMs = 60_000,
): Promise<Map<string, string>> {
  const wanted = new Set(ids)
  const deadline = Date.now() + timeoutMs
  let byId = new Map<string, string>()
  while (Date.now() < deadline) {
    byId = new Map()
    let cursor: string | null = null
    do {
      const page = (await (
        await fetch(`${apiUrl}/v1/messages?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
          headers,
        })
      ).json()) as { data: { id: string; status: string }[]; next_cursor: string | null }
      for (const m of page.data) if (wanted.has(m.id)) byId.set(m.id, m.status)
      cursor = page.next_cursor
    } while (cursor !== null)

    const open = [...byId.values()].filter((s) => ['queued', 'sending', 'sent'].includes(s)).length
    if (byId.size === wanted.size && open === 0) return byId
    await sleep(250)
  }
  return byId
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
