import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { IMPORT_COLUMNS, importContacts, parseContactImport } from '../../compliance/index.js'
import { findNul, NudgeError, NUL_PROBLEM, ValidationError } from '../../runtime/index.js'
import type { ApiDeps } from '../api-deps.js'
import { ImportResultSchema } from '../compliance-schemas.js'
import { COMMON_ERRORS, ProblemSchema, validatedInHandler } from '../schemas.js'

/** Imports are files, larger than any JSON request. */
const IMPORT_BODY_LIMIT = 10 * 1024 * 1024

class CsvRequiredError extends NudgeError {
  readonly code = 'CSV_REQUIRED'
}

export function contactImportRoutes(app: FastifyInstance, deps: ApiDeps): void {
  // Registered on the whole server (routes here are not encapsulated); only this route takes
  // text, and every other route checks its body against a JSON schema.
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  )

  app.post(
    '/v1/contacts/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      validatorCompiler: validatedInHandler,
      schema: {
        summary: 'Import consent from a CSV file, all rows or none',
        description:
          `A header line naming columns among ${IMPORT_COLUMNS.join(', ')}; \`phone\` and ` +
          '`evidence` (the consent wording each person agreed to) are required, `action` is ' +
          '`opt_in` (default) or `opt_out`, `scope` is `marketing` (default) or `all`. Every ' +
          'row is checked first; any bad row refuses the whole file, listing each bad field ' +
          'by line number. Up to 10 MiB.',
        tags: ['contacts'],
        consumes: ['text/csv'],
        body: Type.String({ description: 'The CSV file' }),
        response: { 200: ImportResultSchema, 415: ProblemSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      if (typeof request.body !== 'string') {
        throw new CsvRequiredError('send the file as Content-Type: text/csv')
      }
      const nulAt = findNul(request.body)
      if (nulAt !== undefined) throw new ValidationError([{ field: nulAt, ...NUL_PROBLEM }])
      const nowMs = deps.clock.now()
      const rows = parseContactImport(request.body, { store: request.store, nowMs })

      const summary = await deps.groupCommit.run((trx) =>
        importContacts(trx, deps, { store: request.store, rows, nowMs }),
      )
      request.log.info(
        { imported: summary.imported, optedIn: summary.optedIn, optedOut: summary.optedOut },
        'contacts imported',
      )
      return {
        imported: summary.imported,
        opted_in: summary.optedIn,
        opted_out: summary.optedOut,
      }
    },
  )
}
