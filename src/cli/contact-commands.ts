import { readFileSync } from 'node:fs'
import {
  ContactImportError,
  importContacts,
  parseContactImport,
  type ImportRow,
} from '../compliance/index.js'
import { systemClock } from '../runtime/index.js'
import { StoreRegistry } from '../stores/index.js'
import type { CliOptions } from './main.js'
import { withDatabase } from './open-database.js'
import { erasureHasherFor } from './erasure-hasher.js'
import { UsageError } from './usage-error.js'

/**
 * `nudge contacts import FILE --store ID`: the CSV import of the API from the command line.
 * Every row is checked first; with any bad row, each problem is printed with its line number
 * and nothing is imported. Otherwise all rows are recorded in one transaction.
 */
export async function runContactsImport(
  options: CliOptions,
  file: string | undefined,
): Promise<number> {
  const storeId = options.store?.trim()
  if (file === undefined || storeId === undefined || storeId === '') {
    throw new UsageError('name the file and the store: nudge contacts import FILE --store ID')
  }
  let csv: string
  try {
    csv = readFileSync(file, 'utf8')
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`)
  }

  return withDatabase(options, async ({ db, config }) => {
    const store = await new StoreRegistry({ db, clock: systemClock }).get(storeId)
    const hasher = erasureHasherFor(config)
    const nowMs = systemClock.now()

    let rows: ImportRow[]
    try {
      rows = parseContactImport(csv, { store, nowMs })
    } catch (err) {
      if (!(err instanceof ContactImportError)) throw err
      for (const p of err.problems)
        process.stderr.write(`${describe(p.field)}: ${p.message} (${p.code})\n`)
      process.stderr.write(`nudge: ${err.message}\n`)
      return 1
    }

    const deps = { hasher, webhookLifetimeMs: config.webhooks.giveUpAfterSeconds * 1000 }
    const summary = await db
      .transaction()
      .execute((trx) => importContacts(trx, deps, { store, rows, nowMs }))
    if (options.json === true) {
      const out = {
        imported: summary.imported,
        opted_in: summary.optedIn,
        opted_out: summary.optedOut,
      }
      process.stdout.write(`${JSON.stringify(out)}\n`)
    } else {
      process.stdout.write(
        `Imported ${summary.imported} contact(s) into ${store.name}: ` +
          `${summary.optedIn} opt-in(s), ${summary.optedOut} opt-out(s).\n`,
      )
    }
    return 0
  })
}

/** `/lines/7/phone` reads as `line 7, phone`. */
function describe(field: string): string {
  const [, line, column] = /^\/lines\/(\d+)(?:\/(.+))?$/.exec(field) ?? []
  if (line === undefined) return field
  return column === undefined ? `line ${line}` : `line ${line}, ${column}`
}
