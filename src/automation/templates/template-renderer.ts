import { AssertionError, Liquid, LiquidError, type Template } from 'liquidjs'
import type { TemplateContext, TemplateProblem, TemplateRenderer } from '../contracts.js'
import { TemplateRenderError } from './errors.js'
import { findTemplateProblems } from './find-template-problems.js'
import { formatMoney } from './format-money.js'
import type { TemplateFlow } from './template-variables.js'

export interface TemplateRendererOptions {
  /** Longest time one render may take, in ms; past it the render fails. Default 100. */
  readonly renderLimitMs?: number
  /**
   * Most characters and list elements one render may create (Liquid's allocation count, which
   * guards against `(1..100000000)` and doubling strings). Default 1,000,000.
   */
  readonly memoryLimit?: number
  /** Longest template accepted, in characters. Default 10,000. */
  readonly maxTemplateLength?: number
}

/** Validation that may also name the flow, whose context lacks some variables. */
export interface FlowTemplateRenderer extends TemplateRenderer {
  /**
   * Every problem in the template; with `flow`, variables the flow's messages never have
   * (a `shipment` in an abandoned checkout message) are problems too.
   */
  validate(source: string, options?: { readonly flow?: TemplateFlow }): readonly TemplateProblem[]
}

// Parsed templates by source: a flow renders the same few templates for every message.
const CACHED_TEMPLATES = 200

/**
 * Liquid for text messages. Output is never HTML-escaped (a text message is plain text, and
 * `&` must stay `&`), templates cannot read files (`include`, `render` and `layout` are
 * refused), only the context's own properties are visible, and every render is bounded in
 * time and allocation so a template cannot hold the process.
 */
export function createTemplateRenderer(
  options: TemplateRendererOptions = {},
): FlowTemplateRenderer {
  const liquid = new Liquid({
    templates: {},
    ownPropertyOnly: true,
    strictFilters: false,
    strictVariables: false,
    parseLimit: options.maxTemplateLength ?? 10_000,
    renderLimit: options.renderLimitMs ?? 100,
    memoryLimit: options.memoryLimit ?? 1_000_000,
  })
  for (const tag of ['include', 'render', 'layout']) {
    liquid.registerTag(tag, {
      parse() {
        throw new Error(`\`${tag}\` is not available: a message template stands alone`)
      },
      render() {},
    })
  }
  liquid.registerFilter('money', function (micros: unknown, currency?: unknown) {
    const fromContext =
      this.context.getSync(['checkout', 'currency']) ?? this.context.getSync(['order', 'currency'])
    return formatMoney(micros, currency ?? fromContext)
  })

  const cache = new Map<string, Template[]>()
  const parse = (source: string): Template[] => {
    let templates = cache.get(source)
    if (templates === undefined) {
      templates = liquid.parse(source)
      if (cache.size >= CACHED_TEMPLATES) cache.delete(cache.keys().next().value ?? '')
      cache.set(source, templates)
    }
    return templates
  }

  return {
    validate(source, validateOptions = {}) {
      return findTemplateProblems(liquid, source, validateOptions.flow)
    },

    async render(source: string, context: TemplateContext): Promise<string> {
      try {
        return String(liquid.renderSync(parse(source), context))
      } catch (err) {
        // Liquid raises its limits on template length as a bare AssertionError.
        if (!LiquidError.is(err) && !(err instanceof AssertionError)) throw err
        throw new TemplateRenderError(`the template cannot be rendered: ${err.message}`, {
          cause: err,
        })
      }
    },
  }
}
