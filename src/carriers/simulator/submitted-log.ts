/** One accepted submit_sm as the simulator keeps it. */
export interface StoredSubmit {
  readonly receivedAtMs: number
  readonly smscMessageId: string
  readonly sender: string
  readonly recipient: string
  readonly dataCoding: number
  readonly esmClass: number
  readonly registeredDelivery: number
  readonly shortMessage: Buffer
}

const CHUNK_RECORDS = 4096

// Records of one chunk live in typed arrays and one byte arena (each string or byte field
// length-prefixed), so a record costs little more than its bytes (about 150 for a typical
// segment), several times less than a plain object holding a Buffer and three strings.
class Chunk {
  readonly firstIndex: number
  count = 0
  readonly #times = new Float64Array(CHUNK_RECORDS)
  readonly #codes = new Uint8Array(CHUNK_RECORDS * 3)
  readonly #ends = new Uint32Array(CHUNK_RECORDS)
  #arena = Buffer.allocUnsafe(64 * 1024)
  #used = 0

  constructor(firstIndex: number) {
    this.firstIndex = firstIndex
  }

  get isFull(): boolean {
    return this.count === CHUNK_RECORDS
  }

  append(record: StoredSubmit): void {
    const fields = [
      Buffer.from(record.smscMessageId, 'latin1'),
      Buffer.from(record.sender, 'latin1'),
      Buffer.from(record.recipient, 'latin1'),
      record.shortMessage,
    ]
    // Each field is at most 255 octets here: SMPP caps ids at 65, addresses at 21 and
    // short_message at 254; anything longer from a misbehaving client is cut.
    const size = fields.reduce((sum, field) => sum + 1 + Math.min(field.length, 255), 0)
    this.#reserve(size)

    for (const field of fields) {
      const length = Math.min(field.length, 255)
      this.#arena[this.#used++] = length
      field.copy(this.#arena, this.#used, 0, length)
      this.#used += length
    }
    const at = this.count++
    this.#times[at] = record.receivedAtMs
    this.#codes.set([record.dataCoding, record.esmClass, record.registeredDelivery], at * 3)
    this.#ends[at] = this.#used
  }

  read(at: number): StoredSubmit {
    let offset = at === 0 ? 0 : this.#ends[at - 1]!
    const next = (): Buffer => {
      const length = this.#arena[offset]!
      const field = this.#arena.subarray(offset + 1, offset + 1 + length)
      offset += 1 + length
      return field
    }

    return {
      receivedAtMs: this.#times[at]!,
      smscMessageId: next().toString('latin1'),
      sender: next().toString('latin1'),
      recipient: next().toString('latin1'),
      shortMessage: Buffer.from(next()),
      dataCoding: this.#codes[at * 3]!,
      esmClass: this.#codes[at * 3 + 1]!,
      registeredDelivery: this.#codes[at * 3 + 2]!,
    }
  }

  #reserve(size: number): void {
    if (this.#used + size <= this.#arena.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.#arena.length * 2, this.#used + size))
    this.#arena.copy(grown, 0, 0, this.#used)
    this.#arena = grown
  }
}

/**
 * Every accepted submit_sm in arrival order, numbered from 0. The oldest are dropped a chunk
 * (4096 records) at a time once `maxRecords` newer ones are kept, so memory stays bounded on a
 * long run.
 */
export class SubmittedLog {
  readonly #maxRecords: number
  #chunks: Chunk[] = []
  #nextIndex = 0

  constructor(maxRecords: number) {
    this.#maxRecords = Math.max(maxRecords, CHUNK_RECORDS)
  }

  /** Index of the oldest record still kept. */
  get firstIndex(): number {
    return this.#chunks[0]?.firstIndex ?? this.#nextIndex
  }

  get nextIndex(): number {
    return this.#nextIndex
  }

  append(record: StoredSubmit): number {
    let chunk = this.#chunks[this.#chunks.length - 1]
    if (chunk === undefined || chunk.isFull) {
      chunk = new Chunk(this.#nextIndex)
      this.#chunks.push(chunk)
    }
    chunk.append(record)

    const oldest = this.#chunks[0]!
    if (this.#nextIndex + 1 - this.firstIndex - oldest.count >= this.#maxRecords) {
      this.#chunks.shift()
    }
    return this.#nextIndex++
  }

  /** Up to `limit` records from index `since` on (or from the oldest kept, if later). */
  read(since: number, limit: number): { index: number; record: StoredSubmit }[] {
    const records: { index: number; record: StoredSubmit }[] = []
    const end = Math.min(this.#nextIndex, Math.max(since, this.firstIndex) + limit)

    for (let index = Math.max(since, this.firstIndex); index < end; index++) {
      const chunk = this.#chunks[Math.floor((index - this.firstIndex) / CHUNK_RECORDS)]
      if (chunk === undefined) break
      records.push({ index, record: chunk.read(index - chunk.firstIndex) })
    }
    return records
  }

  /** Forgets everything; numbering starts again at 0. */
  clear(): void {
    this.#chunks = []
    this.#nextIndex = 0
  }
}
