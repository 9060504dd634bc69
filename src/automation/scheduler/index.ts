/**
 * The scheduler of delayed flow steps: steps wait in the database until due and are claimed
 * by the sending side, once each across a cluster.
 */
export { FlowScheduler, type FlowSchedulerOptions, type StepRunner } from './flow-scheduler.js'
export { claimDueSteps, holdsClaim, updateClaimedStep, type ClaimedStep } from './step-claims.js'
