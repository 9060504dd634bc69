import type { FieldProblem } from '../../runtime/index.js'
import type { FlowTemplateRenderer } from '../templates/index.js'
import {
  FLOW_CATEGORY,
  MAX_CHECKOUT_STEPS,
  type DiscountOffer,
  type Flow,
  type FlowId,
  type FlowStep,
} from './flow-definition.js'

/** A step as a store wrote it, before its rules are checked. */
export interface StepDraft {
  readonly delayMinutes: number
  readonly template: string
  readonly discount: {
    readonly type: 'percent' | 'fixed'
    /** A percentage, or an amount in the store's currency (`12.5`). */
    readonly value: number
    readonly expiresInDays?: number
  } | null
}

/** Longest delay of a step: a month after the checkout, a reminder no longer reminds. */
export const MAX_DELAY_MINUTES = 30 * 24 * 60
const MAX_EXPIRY_DAYS = 365
const DEFAULT_EXPIRY_DAYS = 7
const MAX_FIXED_AMOUNT = 100_000

/**
 * Checks a store's new steps for a flow and reports every problem at once, each named by its
 * field (`/steps/1/delay_minutes`). Abandoned checkouts take one to three steps whose delays
 * are positive and increasing; confirmations and shipping updates one step that goes at once
 * and offers no discount. Templates are validated for the flow's variables; a template that
 * shows `discount` needs a step with one.
 */
export function checkSteps(args: {
  readonly flow: FlowId
  readonly steps: readonly StepDraft[]
  readonly renderer: FlowTemplateRenderer
}): { ok: true; steps: FlowStep[] } | { ok: false; problems: FieldProblem[] } {
  const { flow, steps, renderer } = args
  const problems: FieldProblem[] = []
  const problem = (field: string, code: string, message: string): void => {
    problems.push({ field, code, message })
  }

  const isCheckout = FLOW_CATEGORY[flow] === 'marketing'
  if (isCheckout && (steps.length < 1 || steps.length > MAX_CHECKOUT_STEPS)) {
    problem('/steps', 'STEPS_COUNT', `must have 1 to ${MAX_CHECKOUT_STEPS} steps`)
  } else if (!isCheckout && steps.length !== 1) {
    problem('/steps', 'STEPS_COUNT', 'must have exactly one step')
  }

  const checked: FlowStep[] = []
  steps.forEach((step, i) => {
    const at = `/steps/${i}`
    if (isCheckout) {
      const previous = steps[i - 1]?.delayMinutes ?? 0
      if (step.delayMinutes < 1 || step.delayMinutes > MAX_DELAY_MINUTES) {
        problem(`${at}/delay_minutes`, 'DELAY_OUT_OF_RANGE', `must be 1 to ${MAX_DELAY_MINUTES}`)
      } else if (step.delayMinutes <= previous) {
        const message = `must be more than the previous step's ${previous}: delays count from the checkout`
        problem(`${at}/delay_minutes`, 'DELAY_NOT_INCREASING', message)
      }
    } else if (step.delayMinutes !== 0) {
      problem(`${at}/delay_minutes`, 'DELAY_NOT_ALLOWED', 'must be 0: this flow sends at once')
    }

    for (const p of renderer.validate(step.template, { flow })) {
      const where = p.line === null ? '' : `line ${p.line}, column ${p.column ?? 1}: `
      problem(`${at}/template`, `TEMPLATE_${p.code}`, `${where}${p.message}`)
    }
    if (step.template.trim() === '') problem(`${at}/template`, 'TEMPLATE_EMPTY', 'is empty')

    const discount = checkDiscount({ draft: step.discount, isCheckout, at, problem })
    if (discount === null && /\{\{[^}]*\bdiscount\./.test(step.template)) {
      problem(
        `${at}/discount`,
        'DISCOUNT_REQUIRED',
        'the template shows a discount; give the step one',
      )
    }
    checked.push({ delayMinutes: step.delayMinutes, template: step.template, discount })
  })

  return problems.length > 0 ? { ok: false, problems } : { ok: true, steps: checked }
}

/** The flow with the store's changes applied, once they are checked. */
export function patchFlow(flow: Flow, changes: { enabled?: boolean; steps?: FlowStep[] }): Flow {
  return {
    id: flow.id,
    enabled: changes.enabled ?? flow.enabled,
    steps: changes.steps ?? flow.steps,
  }
}

function checkDiscount(args: {
  draft: StepDraft['discount']
  isCheckout: boolean
  at: string
  problem: (field: string, code: string, message: string) => void
}): DiscountOffer | null {
  const { draft, at, problem } = args
  if (draft === null) return null
  if (!args.isCheckout) {
    problem(
      `${at}/discount`,
      'DISCOUNT_NOT_ALLOWED',
      'only abandoned checkout steps offer discounts',
    )
    return null
  }

  const expiresInDays = draft.expiresInDays ?? DEFAULT_EXPIRY_DAYS
  if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_EXPIRY_DAYS) {
    problem(
      `${at}/discount/expires_in_days`,
      'OUT_OF_RANGE',
      `must be a whole number from 1 to ${MAX_EXPIRY_DAYS}`,
    )
  }
  if (draft.type === 'percent') {
    if (!Number.isInteger(draft.value) || draft.value < 1 || draft.value > 100) {
      problem(`${at}/discount/value`, 'OUT_OF_RANGE', 'must be a whole percentage from 1 to 100')
    }
    return { type: 'percent', percent: draft.value, expiresInDays }
  }
  const cents = Math.round(draft.value * 100)
  if (
    draft.value <= 0 ||
    draft.value > MAX_FIXED_AMOUNT ||
    Math.abs(draft.value * 100 - cents) > 1e-6
  ) {
    problem(
      `${at}/discount/value`,
      'OUT_OF_RANGE',
      `must be an amount above 0, at most ${MAX_FIXED_AMOUNT}, with at most two decimals`,
    )
  }
  return { type: 'fixed', amountMicros: cents * 10_000, expiresInDays }
}
