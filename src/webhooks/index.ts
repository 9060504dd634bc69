/**
 * Outbound webhooks: every message event a store subscribes to is POSTed, signed, to its URL
 * and retried with backoff until acknowledged or expired into a dead letter that can be
 * retried by hand.
 */
export {
  signWebhook,
  verifyWebhookSignature,
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  type SignWebhookOptions,
  type VerifyWebhookSignatureOptions,
  type SignatureCheck,
  type SignatureProblem,
} from './webhook-signature.js'
export {
  RetrySchedule,
  type RetryScheduleOptions,
  type NextAttemptInput,
} from './retry-schedule.js'
export {
  enqueueWebhook,
  claimDueDeliveries,
  recordAttempt,
  type EnqueueWebhookInput,
  type ClaimedDelivery,
  type RecordAttemptInput,
  type AttemptResult,
  type AttemptOutcome,
} from './webhook-store.js'
export {
  listDeliveries,
  retryDelivery,
  type WebhookDelivery,
  type WebhookDeliveryState,
  type ListDeliveriesInput,
  type DeliveryPage,
  type RetryDeliveryInput,
} from './webhook-delivery.js'
export { postWebhook, WEBHOOK_USER_AGENT, type PostWebhookInput } from './post-webhook.js'
export { WebhookDispatcher, type WebhookDispatcherStats } from './webhook-dispatcher.js'
export type { WebhookDispatcherOptions } from './webhook-dispatcher-options.js'
export {
  WebhookConfigError,
  WebhookAttemptError,
  WebhookAlreadyDeliveredError,
  type WebhookAttemptFailure,
} from './errors.js'
