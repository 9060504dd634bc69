import { analyzeText } from '../../messaging/index.js'
import type { FieldProblem } from '../../runtime/index.js'
import {
  longestContext,
  TemplateRenderError,
  type FlowTemplateRenderer,
  type TemplateFlow,
} from '../templates/index.js'
import type { FlowStep } from './flow-definition.js'

/**
 * Renders each step with the longest plausible values, as a flow would send it, so a template
 * that passes the syntax checks but can never be sent (it exceeds a render limit, or its
 * text is longer than a message may be) is refused when it is saved rather than failing every
 * run later. Links count at the length they are written, the most they can take.
 */
export async function checkStepOutput(args: {
  readonly flow: TemplateFlow
  readonly steps: readonly FlowStep[]
  readonly renderer: FlowTemplateRenderer
  readonly storeName: string
  readonly maxSegments: number
}): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = []
  const context = longestContext({ flow: args.flow, storeName: args.storeName })
  for (const [i, step] of args.steps.entries()) {
    const field = `/steps/${i}/template`
    let text: string
    try {
      text = await args.renderer.render(step.template, context)
    } catch (err) {
      if (!(err instanceof TemplateRenderError)) throw err
      problems.push({ field, code: 'TEMPLATE_RENDER_FAILED', message: err.message })
      continue
    }
    const { segmentCount } = analyzeText(text)
    if (segmentCount > args.maxSegments) {
      problems.push({
        field,
        code: 'TEMPLATE_TOO_LONG',
        message: `with the longest plausible values it is ${segmentCount} segments; at most ${args.maxSegments} can be sent`,
      })
    }
  }
  return problems
}
