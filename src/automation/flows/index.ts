/**
 * Flows: abandoned-checkout reminders, order confirmations and shipping updates, started by
 * store events. The engine is the store event sink; the step runner carries out the delayed
 * abandoned-checkout steps the scheduler claims.
 */
export { FlowEngine } from './flow-engine.js'
export type { FlowEngineDeps } from './flow-engine-deps.js'
export { CheckoutStepRunner, type CheckoutStepRunnerOptions } from './checkout-step-runner.js'
export {
  FLOW_CATEGORY,
  FLOW_IDS,
  MAX_CHECKOUT_STEPS,
  isFlowId,
  type DiscountOffer,
  type Flow,
  type FlowId,
  type FlowStep,
} from './flow-definition.js'
export { defaultFlow } from './default-flows.js'
export { loadFlow, loadFlows, saveFlow } from './flow-store.js'
export { listRuns } from './flow-run-store.js'
export type {
  FlowRunReason,
  FlowRunRow,
  FlowRunStatus,
  FlowStepRow,
  FlowStepStatus,
} from './flow-run.js'
export { MAX_DELAY_MINUTES, checkSteps, patchFlow, type StepDraft } from './check-flow.js'
export { checkStepOutput } from './check-step-output.js'
