import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh directory under the system temp folder for one test's database and config. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `nudge-${label}-`))
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(value, null, 2))
  return file
}
