import type { Logger } from '../../runtime/index.js'
import type { TemplateRenderer } from '../contracts.js'
import type { FlowMessageDeps } from './flow-message.js'

/** What the flows need to turn store events into messages. */
export interface FlowEngineDeps extends FlowMessageDeps {
  readonly renderer: TemplateRenderer
  readonly logger: Logger
}
