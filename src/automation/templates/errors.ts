import { NudgeError } from '../../runtime/index.js'

/** A template could not be turned into text: a syntax error, or a limit reached while rendering. */
export class TemplateRenderError extends NudgeError {
  readonly code = 'TEMPLATE_RENDER_FAILED'
}
