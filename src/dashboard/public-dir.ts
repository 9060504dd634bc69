import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where the dashboard's built page and bundle are: `dist/public` in Nudge's package folder,
 * found by walking up from this module. That holds both when it runs from `src/` (tests,
 * tsx) and from `dist/` (the built command), and wherever the package is installed. Undefined
 * when no package folder is found.
 */
export function findPublicDir(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (isNudgePackage(dir)) return join(dir, 'dist', 'public')
    if (dirname(dir) === dir) return undefined
  }
}

function isNudgePackage(dir: string): boolean {
  const file = join(dir, 'package.json')
  if (!existsSync(file)) return false
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'nudge'
  } catch {
    return false
  }
}
