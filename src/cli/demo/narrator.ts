import type { Clock } from '../../runtime/index.js'

const INDENT = ' '.repeat(12)
const WIDTH = 96

/**
 * Tells the demo's story as it happens: each line stamped with the demo clock's time of day
 * in the store's zone, details indented below it, texts quoted and wrapped.
 */
export class Narrator {
  readonly #clock: Clock
  readonly #write: (text: string) => void
  readonly #time: Intl.DateTimeFormat

  constructor(clock: Clock, timeZone: string, write: (text: string) => void) {
    this.#clock = clock
    this.#write = write
    this.#time = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
  }

  /** The time of day of `ms` in the store's zone, as the story stamps it. */
  timeOf(ms: number): string {
    return this.#time.format(ms)
  }

  /** A line of prose, not stamped. */
  say(text = ''): void {
    this.#write(`${text}\n`)
  }

  /** What happened now, with details below it. */
  event(text: string, ...details: string[]): void {
    this.#write(`  ${this.timeOf(this.#clock.now())}  ${text}\n`)
    for (const detail of details) this.#write(`${INDENT}${detail}\n`)
  }

  /** A text message, quoted and wrapped under the line that announced it. */
  quote(text: string): void {
    for (const line of wrap(`“${text}”`, WIDTH - INDENT.length - 2)) {
      this.#write(`${INDENT}  ${line}\n`)
    }
  }
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  if (line !== '') lines.push(line)
  return lines
}
