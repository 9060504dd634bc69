import { NudgeError, type FieldProblem } from '../runtime/index.js'

/** The erasure key cannot be read, written or used; Nudge cannot start without it. */
export class ErasureKeyError extends NudgeError {
  readonly code = 'ERASURE_KEY_INVALID'
}

/**
 * A contact import has bad rows; nothing was imported. `problems` names each bad field of each
 * bad row, its line number in the field (`/lines/7/phone`).
 */
export class ContactImportError extends NudgeError {
  readonly code = 'CONTACT_IMPORT_INVALID'
  readonly problems: readonly FieldProblem[]

  constructor(problems: readonly FieldProblem[]) {
    const lines = [...new Set(problems.map((p) => lineOf(p.field)))]
    super(`${lines.length} bad row(s) at line(s) ${lines.join(', ')}; nothing was imported`, {
      details: { lines },
    })
    this.problems = problems
  }
}

function lineOf(field: string): number {
  return Number(/^\/lines\/(\d+)/.exec(field)?.[1] ?? 0)
}

/** The recipient opted out of every message, so nothing may be sent to ask them again. */
export class RecipientOptedOutError extends NudgeError {
  readonly code = 'RECIPIENT_OPTED_OUT'

  constructor() {
    super('the recipient opted out of every message; they must text START before anything else')
  }
}
