// The command_status values our code branches on (SMPP 3.4 §5.1.3). Names for every status,
// for logs and outcomes, come from `commandStatusName` in smpp-wire.ts.

export const ESME_ROK = 0x00
/** The command id is unknown or not supported here. */
export const ESME_RINVCMDID = 0x03
/** The command is not allowed in the bind's current state (e.g. submit before bind). */
export const ESME_RINVBNDSTS = 0x04
export const ESME_RALYBND = 0x05
export const ESME_RINVPASWD = 0x0e
export const ESME_RINVSYSID = 0x0f
/** The SMSC's queue for us is full. */
export const ESME_RMSGQFUL = 0x14
/** We exceeded the submit rate the carrier allows. */
export const ESME_RTHROTTLED = 0x58
