import { findContact } from '../../compliance/index.js'
import { isUniqueViolation, type Db, type GroupCommit } from '../../storage/index.js'
import type { Clock } from '../../runtime/index.js'
import { toStore, type Store } from '../../stores/index.js'
import {
  DiscountCreationError,
  findDiscountSettings,
  newDiscountCode,
  type DiscountPlatformSource,
} from '../discounts/index.js'
import { updateClaimedStep, type ClaimedStep, type StepRunner } from '../scheduler/index.js'
import { capReleaseAt } from './cap-release.js'
import type { DiscountOffer, FlowStep } from './flow-definition.js'
import type { FlowEngineDeps } from './flow-engine-deps.js'
import type { FlowRunReason } from './flow-run.js'
import { endRun, findRun, lockRun } from './flow-run-store.js'
import { loadFlow } from './flow-store.js'
import { sendCheckoutStep } from './send-checkout-step.js'
import type { ShownDiscount } from './template-context.js'

export interface CheckoutStepRunnerOptions {
  readonly db: Db
  readonly groupCommit: GroupCommit
  readonly clock: Clock
  readonly discounts: DiscountPlatformSource
  /** Attempts at creating a step's discount code before the step fails. Default 5. */
  readonly discountAttempts?: number
  /** Wait after the first failed attempt, in ms; it doubles after each, up to an hour. Default 60000. */
  readonly discountRetryMs?: number
  /** Called once a step's message is committed, so the delivery worker looks at once. */
  readonly onQueued?: () => void
}

/**
 * Runs due abandoned-checkout steps. Before anything is sent: a run that ended or restarted
 * sends nothing; a switched-off flow or an opted-out customer stops the run; a step the
 * store's frequency cap would suppress waits until the cap allows it. A discount step then
 * gets its code, created on the store's platform outside any transaction: the code is chosen
 * and recorded first, so a retry after a crash creates that same code rather than another.
 * Creation failing puts the step back with growing waits, and after the last attempt fails
 * it, with no message: a text never offers a code the store does not have. Last, the message
 * is stored through the compliance gate, which suppresses it for a customer without consent
 * and so stops the run.
 */
export class CheckoutStepRunner implements StepRunner {
  readonly #deps: FlowEngineDeps
  readonly #options: CheckoutStepRunnerOptions
  readonly #attempts: number
  readonly #retryMs: number

  constructor(deps: FlowEngineDeps, options: CheckoutStepRunnerOptions) {
    this.#deps = deps
    this.#options = options
    this.#attempts = options.discountAttempts ?? 5
    this.#retryMs = options.discountRetryMs ?? 60_000
  }

  async run(step: ClaimedStep): Promise<void> {
    const ready = await this.#readyToSend(step)
    if (ready === undefined) return
    const { store, definition, hasConsent } = ready

    // Without consent the gate suppresses the message, recording why; no code is made for it.
    let discount: ShownDiscount | null = null
    if (definition.discount !== null && hasConsent) {
      const code = await this.#createDiscount(step, store, definition.discount)
      if (code === undefined) return
      discount = { code, offer: definition.discount }
    }

    const nowMs = this.#options.clock.now()
    const outcome = await this.#options.groupCommit.run((trx) =>
      sendCheckoutStep(trx, this.#deps, { step, store, discount, nowMs }),
    )
    if (outcome === 'sent') this.#options.onQueued?.()
    this.#log(step).info({ outcome, position: step.position }, 'flow step done')
  }

  /**
   * The step's store and definition when it may go now. Otherwise what stops it is recorded:
   * the step cancelled (its run ended or restarted), the run stopped (flow switched off,
   * customer opted out), or the step put back until the frequency cap allows it.
   */
  async #readyToSend(
    step: ClaimedStep,
  ): Promise<{ store: Store; definition: FlowStep; hasConsent: boolean } | undefined> {
    const { db, groupCommit, clock } = this.#options
    const nowMs = clock.now()
    const run = await findRun(db, step.runId)
    const store = await findStore(db, step.storeId)
    const definition = (JSON.parse(run?.steps ?? '[]') as FlowStep[])[step.position - 1]
    const phone = run?.phone ?? null
    const isCurrent = run?.status === 'active' && run.generation === step.generation
    if (store === undefined || !isCurrent || definition === undefined || phone === null) {
      await groupCommit.run((trx) => updateClaimedStep(trx, step, { status: 'cancelled', nowMs }))
      return undefined
    }

    const flow = await loadFlow(db, store, 'abandoned_checkout')
    if (!flow.enabled) return this.#endRun(step, 'FLOW_DISABLED')
    const consent = (await findContact(db, store.id, phone))?.consent
    if (consent?.isOptedOutOfAll === true || consent?.marketing === 'opted_out') {
      return this.#endRun(step, 'OPTED_OUT')
    }

    const hasConsent = consent?.marketing === 'opted_in'
    const releaseAtMs = hasConsent ? await capReleaseAt(db, { store, phone, nowMs }) : null
    if (releaseAtMs !== null) {
      await groupCommit.run((trx) => updateClaimedStep(trx, step, { dueAtMs: releaseAtMs, nowMs }))
      this.#log(step).debug({ dueAt: releaseAtMs }, 'flow step waits for the frequency cap')
      return undefined
    }
    return { store, definition, hasConsent }
  }

  /** The step's code once it exists on the store's platform; undefined when it does not yet. */
  async #createDiscount(
    step: ClaimedStep,
    store: Store,
    offer: DiscountOffer,
  ): Promise<string | undefined> {
    const { db, groupCommit, clock } = this.#options
    const settings = await findDiscountSettings(db, store.id)
    const code = step.discountCode ?? (await this.#chooseCode(step, settings.prefix))
    if (code === undefined || step.discountCreatedAtMs !== null) return code

    const platform = this.#options.discounts.platformFor(store, settings)
    try {
      if (platform instanceof DiscountCreationError) throw platform
      const nowMs = clock.now()
      await platform.create({
        code,
        value: offer,
        startsAtMs: nowMs,
        expiresAtMs: nowMs + offer.expiresInDays * 86_400_000,
      })
    } catch (err) {
      if (!(err instanceof DiscountCreationError)) throw err
      await this.#discountFailed(step, err)
      return undefined
    }

    const createdAtMs = clock.now()
    const isHeld = await groupCommit.run((trx) =>
      updateClaimedStep(trx, step, { discountCreatedAtMs: createdAtMs, nowMs: createdAtMs }),
    )
    return isHeld ? code : undefined
  }

  /** Picks a code and records it on the step; undefined when the claim was lost meanwhile. */
  async #chooseCode(step: ClaimedStep, prefix: string): Promise<string | undefined> {
    const nowMs = this.#options.clock.now()
    for (let attempt = 1; ; attempt++) {
      const code = newDiscountCode(prefix)
      try {
        const isHeld = await this.#options.groupCommit.run((trx) =>
          updateClaimedStep(trx, step, { discountCode: code, nowMs }),
        )
        return isHeld ? code : undefined
      } catch (err) {
        // Another step of the store has this code (40 random bits make that rare): draw again.
        if (!isUniqueViolation(err) || attempt >= 3) throw err
      }
    }
  }

  async #discountFailed(step: ClaimedStep, err: DiscountCreationError): Promise<void> {
    const nowMs = this.#options.clock.now()
    const attempts = step.attempts + 1
    const log = this.#log(step)
    if (err.retryable && attempts < this.#attempts) {
      const waitMs = Math.min(this.#retryMs * 2 ** (attempts - 1), 3_600_000)
      await this.#options.groupCommit.run((trx) =>
        updateClaimedStep(trx, step, {
          attempts,
          dueAtMs: nowMs + waitMs,
          error: err.message,
          nowMs,
        }),
      )
      log.warn({ err, attempts, retryInMs: waitMs }, 'discount code not created, retry scheduled')
      return
    }
    await this.#options.groupCommit.run(async (trx) => {
      const run = await lockRun(trx, step.runId)
      const isHeld = await updateClaimedStep(trx, step, {
        status: 'failed',
        attempts,
        error: err.message,
        nowMs,
      })
      if (isHeld && run?.status === 'active') {
        await endRun(trx, { runId: step.runId, status: 'failed', reason: 'DISCOUNT_FAILED', nowMs })
      }
    })
    log.error({ err, attempts }, 'discount code not created, flow step failed')
  }

  async #endRun(step: ClaimedStep, reason: FlowRunReason): Promise<undefined> {
    const nowMs = this.#options.clock.now()
    await this.#options.groupCommit.run(async (trx) => {
      const run = await lockRun(trx, step.runId)
      if (run?.status !== 'active') return
      await endRun(trx, { runId: step.runId, status: 'stopped', reason, nowMs })
    })
    this.#log(step).info({ reason }, 'flow run stopped')
    return undefined
  }

  #log(step: ClaimedStep) {
    return this.#deps.logger.child({ storeId: step.storeId, flowRunId: step.runId })
  }
}

async function findStore(db: Db, storeId: string): Promise<Store | undefined> {
  const row = await db.selectFrom('stores').selectAll().where('id', '=', storeId).executeTakeFirst()
  return row === undefined ? undefined : toStore(row)
}
