import type { FastifyInstance } from 'fastify'
import {
  eraseContact,
  exportContact,
  findContact,
  listConsentRecords,
  prepareDoubleOptIn,
  recordConsent,
  requestDoubleOptIn,
  updateContactDetails,
  type Contact,
} from '../../compliance/index.js'
import {
  NotFoundError,
  schemaProblems,
  ValidationError,
  type FieldProblem,
} from '../../runtime/index.js'
import type { ApiDeps } from '../api-deps.js'
import {
  ConsentBody,
  ContactExportSchema,
  ContactPatchBody,
  ContactSchema,
  ErasureSchema,
  PhoneParams,
} from '../compliance-schemas.js'
import { toContactResource, toExportResource } from '../compliance-resources.js'
import { checkConsentBody, checkContactDetails } from '../consent-request.js'
import { parsePhoneParam } from '../phone-param.js'
import { COMMON_ERRORS, ProblemSchema, validatedInHandler } from '../schemas.js'
import { addNewProblems, typedFields } from '../typed-fields.js'

export function contactRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const withHistory = async (contact: Contact) =>
    toContactResource(contact, await listConsentRecords(deps.db, contact.storeId, contact.phone))

  app.post(
    '/v1/contacts/:phone/consent',
    {
      validatorCompiler: validatedInHandler,
      schema: {
        summary: 'Record an opt-in or opt-out, or ask for a double opt-in',
        description:
          'Appends to the consent ledger. An opt-in needs `evidence.wording`. An opt-out stops ' +
          'the messages still waiting for the number (all of them for scope `all`, promotions ' +
          'for `marketing`). With `double_opt_in`, a text asks the recipient to reply YES and ' +
          'consent is recorded only when they do.',
        tags: ['contacts'],
        params: PhoneParams,
        body: ConsentBody,
        response: { 200: ContactSchema, 409: ProblemSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const { store } = request
      const nowMs = deps.clock.now()
      const problems = schemaProblems(ConsentBody, request.body)
      const typed = typedFields(request.body, problems) as ConsentBody
      const ruleProblems: FieldProblem[] = []
      const evidence = checkConsentBody(typed, { nowMs, problems: ruleProblems })
      const details = checkContactDetails(typed, ruleProblems)
      addNewProblems(problems, ruleProblems)
      const phone = parsePhoneParamCollecting(request.params, store, problems)
      if (problems.length > 0 || phone === undefined) throw new ValidationError(problems)

      const body = request.body as ConsentBody
      const scope = body.scope ?? 'marketing'
      let contact: Contact
      if (body.double_opt_in === true) {
        const message = prepareDoubleOptIn(deps, {
          store,
          phone,
          language: body.language ?? 'en',
          from: body.from,
          nowMs,
        })
        const result = await deps.groupCommit.run((trx) =>
          requestDoubleOptIn(trx, deps, {
            store,
            request: message,
            scope,
            evidence,
            details,
            nowMs,
          }),
        )
        deps.onQueued()
        contact = result.contact
        request.log.info({ messageId: result.message.id, scope }, 'double opt-in requested')
      } else {
        const change = { phone, action: body.action, scope, source: body.source ?? 'api', evidence }
        const result = await deps.groupCommit.run((trx) =>
          recordConsent(trx, deps, { store, change, details, nowMs }),
        )
        contact = result.contact
        request.log.info(
          {
            action: change.action,
            scope,
            source: change.source,
            cancelled: result.cancelled.length,
          },
          'consent recorded',
        )
      }
      return withHistory(contact)
    },
  )

  app.get(
    '/v1/contacts/:phone',
    {
      schema: {
        summary: 'A contact’s consent state and its full consent history',
        tags: ['contacts'],
        params: PhoneParams,
        response: { 200: ContactSchema, 404: ProblemSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const phone = parsePhoneParam((request.params as { phone: string }).phone, request.store)
      const contact = await findContact(deps.db, request.store.id, phone)
      if (contact === undefined) throw new NotFoundError('contact', phone)
      return withHistory(contact)
    },
  )

  app.patch(
    '/v1/contacts/:phone',
    {
      validatorCompiler: validatedInHandler,
      schema: {
        summary: 'Set where a contact is: time zone and shipping address; null clears one',
        tags: ['contacts'],
        params: PhoneParams,
        body: ContactPatchBody,
        response: { 200: ContactSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const problems = schemaProblems(ContactPatchBody, request.body)
      const ruleProblems: FieldProblem[] = []
      const details = checkContactDetails(
        typedFields(request.body, problems) as ContactPatchBody,
        ruleProblems,
      )
      addNewProblems(problems, ruleProblems)
      const phone = parsePhoneParamCollecting(request.params, request.store, problems)
      if (problems.length > 0 || phone === undefined) throw new ValidationError(problems)

      const nowMs = deps.clock.now()
      const contact = await deps.groupCommit.run((trx) =>
        updateContactDetails(trx, deps, { storeId: request.store.id, phone, details, nowMs }),
      )
      return withHistory(contact)
    },
  )

  app.get(
    '/v1/contacts/:phone/export',
    {
      schema: {
        summary: 'Everything stored about a recipient, for an access request',
        description:
          'The contact, its consent history, messages both ways and gate decisions. `clicks` ' +
          'and `orders` are always empty: this version records neither.',
        tags: ['contacts'],
        params: PhoneParams,
        response: { 200: ContactExportSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const phone = parsePhoneParam((request.params as { phone: string }).phone, request.store)
      const data = await exportContact(deps.db, { storeId: request.store.id, phone })
      request.log.info({ messages: data.messages.length }, 'contact exported')
      return toExportResource(data, deps.clock.now())
    },
  )

  app.delete(
    '/v1/contacts/:phone',
    {
      schema: {
        summary: 'Erase a recipient’s personal data, keeping counts and the opt-out',
        description:
          'Numbers and bodies become keyed hashes; evidence loses IP, user agent and URL query; ' +
          'waiting messages are stopped. Promotions stay stopped: erasure records an opt-out, ' +
          'which keeps applying to the number under its hash.',
        tags: ['contacts'],
        params: PhoneParams,
        response: { 200: ErasureSchema, ...COMMON_ERRORS },
      },
    },
    async (request) => {
      const phone = parsePhoneParam((request.params as { phone: string }).phone, request.store)
      const nowMs = deps.clock.now()
      const summary = await deps.groupCommit.run((trx) =>
        eraseContact(trx, deps, { store: request.store, phone, nowMs }),
      )
      request.log.info(
        {
          messages: summary.messages,
          consentRecords: summary.consentRecords,
          decisions: summary.decisions,
        },
        'contact erased',
      )
      return {
        phone,
        erased_at: new Date(summary.erasedAtMs).toISOString(),
        messages: summary.messages,
        consent_records: summary.consentRecords,
        gate_decisions: summary.decisions,
      }
    },
  )
}

/** The phone of the path, or undefined with its problem added to the others. */
function parsePhoneParamCollecting(
  params: unknown,
  store: Parameters<typeof parsePhoneParam>[1],
  problems: FieldProblem[],
): string | undefined {
  try {
    return parsePhoneParam((params as { phone: string }).phone, store)
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err
    problems.push(...err.problems)
    return undefined
  }
}
