export type {
  CarrierConnection,
  DeliveryReceipt,
  InboundText,
  OutboundSegment,
  SubmitOutcome,
} from './carrier.js'
export { BindFailedError, InvalidSegmentError, SmscUnreachableError } from './errors.js'
export { SmppCarrier, type SmppCarrierOptions } from './smpp/smpp-carrier.js'
export {
  normaliseSmscId,
  parseReceiptText,
  receiptIdCandidates,
  smscIdsMatch,
} from './smpp/receipt-parser.js'
export {
  startSmscSimulator,
  type InboundRequest,
  type MessageStateName,
  type ReceiptRequest,
  type SimulatedOutcome,
  type SimulatorStats,
  type SmscSimulator,
  type SmscSimulatorOptions,
  type SubmittedRecord,
  type ThrottleSetting,
} from './simulator/smsc-simulator.js'
