import type { Deadline } from './deadline.js'

interface Submitted {
  readonly index: number
  readonly sender: string
  readonly recipient: string
  readonly text: string
  readonly concat: { reference: number; total: number; seq: number } | null
}

export interface ReceivedText {
  readonly from: string
  readonly to: string
  readonly text: string
  /** Where the next look starts, past every part of this text. */
  readonly nextIndex: number
}

/**
 * Waits until the SMSC simulator has every part of one text to `phone` (E.164) submitted
 * from index `fromIndex` on, reading its control API (`GET /submitted`), and joins the parts.
 */
export async function waitForText(
  control: string,
  phone: string,
  fromIndex: number,
  deadline: Deadline,
): Promise<ReceivedText> {
  const recipient = phone.replace(/^\+/, '')
  for (;;) {
    const res = await fetch(`${control}/submitted?since=${fromIndex}&limit=1000`, {
      signal: AbortSignal.timeout(5000),
    })
    const submits = ((await res.json()) as Submitted[]).filter((s) => s.recipient === recipient)
    const whole = wholeText(submits)
    if (whole !== undefined) return whole
    await deadline.pause(100, `no text for ${phone} reached the SMSC simulator`)
  }
}

function wholeText(submits: readonly Submitted[]): ReceivedText | undefined {
  const first = submits[0]
  if (first === undefined) return undefined
  const parts =
    first.concat === null
      ? [first]
      : submits
          .filter((s) => s.concat?.reference === first.concat!.reference)
          .sort((a, b) => a.concat!.seq - b.concat!.seq)
  if (first.concat !== null && parts.length < first.concat.total) return undefined
  return {
    from: first.sender,
    to: `+${first.recipient}`,
    text: parts.map((p) => p.text).join(''),
    nextIndex: Math.max(...parts.map((p) => p.index)) + 1,
  }
}
