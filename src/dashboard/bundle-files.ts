import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** One file of the built dashboard, ready to send. */
export interface BundleFile {
  readonly body: Buffer
  /** A strong validator: the start of the content's SHA-256, quoted. */
  readonly etag: string
}

/**
 * The built dashboard's files, read from disk and kept while their size and modification
 * time stay the same, so a new build is served without a restart.
 */
export class BundleFiles {
  readonly #dir: string | undefined
  readonly #cache = new Map<string, { file: BundleFile; version: string }>()

  /** `dir` undefined: no package folder was found, so there is nothing to serve. */
  constructor(dir: string | undefined) {
    this.#dir = dir
  }

  /** The file, or undefined when the dashboard was not built. */
  async read(name: string): Promise<BundleFile | undefined> {
    if (this.#dir === undefined) return undefined
    const path = join(this.#dir, name)
    let version: string
    try {
      const stats = await stat(path)
      version = `${stats.size}:${stats.mtimeMs}`
    } catch {
      return undefined
    }
    const cached = this.#cache.get(name)
    if (cached?.version === version) return cached.file

    let body: Buffer
    try {
      body = await readFile(path)
    } catch {
      return undefined
    }
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27)
    const file = { body, etag: `"${hash}"` }
    this.#cache.set(name, { file, version })
    return file
  }
}

/** Whether an `If-None-Match` header names the file's current version. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag)
}
