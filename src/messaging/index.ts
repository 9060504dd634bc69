export {
  isGsm7Character,
  gsm7SeptetCost,
  encodeGsm7,
  decodeGsm7,
  packSeptets,
  unpackSeptets,
  Gsm7EncodingError,
  Gsm7DecodingError,
} from './gsm7.js'
export { analyzeText, type TextAnalysis, type Ucs2Character } from './text-encoding.js'
export { splitSegments, type Segment, type TextEncoding } from './segment-split.js'
export {
  parseRecipient,
  countryOfNumber,
  type RecipientResult,
  type RecipientProblem,
} from './phone-number.js'
export { parseSender, type Sender, type SenderKind, type SenderResult } from './sender.js'
export {
  loadPriceTable,
  formatMicros,
  PriceTableError,
  type PriceTable,
  type Price,
} from './price-table.js'
