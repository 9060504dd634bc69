import {
  ForTag,
  LiquidError,
  toValueSync,
  Value,
  type Liquid,
  type Template,
  type Variable,
} from 'liquidjs'
import type { TemplateProblem } from '../contracts.js'
import {
  followPath,
  loopItemCursor,
  rootCursor,
  type PathSegment,
  type ShapeCursor,
  type TemplateFlow,
} from './template-variables.js'

/**
 * Every problem of a template: a syntax error (Liquid stops at the first, so at most one),
 * or else each reference to a variable outside the known set and each filter that does not
 * exist, in the order they appear.
 */
export function findTemplateProblems(
  liquid: Liquid,
  source: string,
  flow: TemplateFlow | undefined,
): readonly TemplateProblem[] {
  if (source.length > liquid.options.parseLimit) {
    const message = `the template is longer than ${liquid.options.parseLimit} characters`
    return [{ code: 'SYNTAX', message, line: null, column: null }]
  }

  let templates: Template[]
  try {
    templates = liquid.parse(source)
  } catch (err) {
    if (!LiquidError.is(err)) throw err
    return [syntaxProblem(err)]
  }

  const problems: TemplateProblem[] = []
  checkVariables(liquid, templates, flow, problems)
  visit(templates, (node) => checkFilters(liquid, node, problems))
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}

function syntaxProblem(err: LiquidError): TemplateProblem {
  const token = (err as LiquidError & { token?: { getPosition(): number[] } }).token
  const [line, column] = token?.getPosition() ?? []
  const original = (err as LiquidError & { originalError?: Error }).originalError
  // Liquid appends ", line:1, col:4" to its messages; the position has fields of its own.
  const message = (original?.message ?? err.message).replace(/, line:\d+, col:\d+$/, '')
  return { code: 'SYNTAX', message, line: line ?? null, column: column ?? null }
}

function checkVariables(
  liquid: Liquid,
  templates: Template[],
  flow: TemplateFlow | undefined,
  problems: TemplateProblem[],
): void {
  const { globals } = liquid.analyzeSync(templates, { partials: false })
  for (const variable of Object.values(globals).flat()) {
    const [root, ...rest] = segmentsOf(variable)
    const start = rootCursor(String(root), flow)
    report(variable, typeof start === 'string' ? start : followPath(start, rest), problems)
  }

  checkLoopVariables(liquid, templates, new Map(), flow, problems)
}

/**
 * Names bound by `{% for item in checkout.items %}` are local to the loop, so Liquid's analysis
 * does not count them as variables of the context; they are checked here against the shape of
 * one element of the list they walk.
 */
function checkLoopVariables(
  liquid: Liquid,
  templates: readonly Template[],
  loops: ReadonlyMap<string, ShapeCursor>,
  flow: TemplateFlow | undefined,
  problems: TemplateProblem[],
): void {
  for (const node of templates) {
    if (node instanceof ForTag) {
      const item = loopItemShape(node, loops, flow)
      const { globals } = liquid.analyzeSync(node.templates, { partials: false })
      for (const variable of globals[node.variable] ?? []) {
        report(variable, followPath(item, segmentsOf(variable).slice(1)), problems)
      }
      const inner = new Map(loops).set(node.variable, item)
      checkLoopVariables(liquid, node.templates, inner, flow, problems)
      checkLoopVariables(liquid, node.elseTemplates, loops, flow, problems)
    } else {
      checkLoopVariables(liquid, childrenOf(node), loops, flow, problems)
    }
  }
}

function loopItemShape(
  node: ForTag,
  loops: ReadonlyMap<string, ShapeCursor>,
  flow: TemplateFlow | undefined,
): ShapeCursor {
  // Only a plain path (`checkout.items`, `order.items`) has a known element shape; a range or
  // anything computed leaves the loop variable unchecked.
  const path = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*$/.test(node.collection.getText())
    ? node.collection.getText().split('.')
    : undefined
  if (path === undefined) return 'anything'
  const [root = '', ...rest] = path
  const start = loops.get(root) ?? rootCursor(root, flow)
  return typeof start === 'string' ? 'anything' : loopItemCursor(start, rest)
}

function report(
  variable: Variable,
  check: { known: true } | { known: false; reason: string } | string,
  problems: TemplateProblem[],
): void {
  if (typeof check !== 'string' && check.known) return
  const name = pathText(segmentsOf(variable))
  const why = typeof check === 'string' ? check : check.reason
  problems.push({
    code: 'UNKNOWN_VARIABLE',
    message: `unknown variable \`${name}\`: ${why}`,
    line: variable.location.row,
    column: variable.location.col,
  })
}

function checkFilters(liquid: Liquid, node: Template, problems: TemplateProblem[]): void {
  for (const argument of node.arguments?.() ?? []) {
    // Liquid's typings hide a filter's token, which alone knows where the filter was written.
    const filters =
      argument instanceof Value
        ? argument.filters.map((f) => (f as unknown as { readonly token: FilterToken }).token)
        : []
    for (const filter of filters) {
      if (liquid.filters[filter.name] !== undefined) continue
      const [line = null, column = null] = filter.getPosition()
      problems.push(
        filter.name === ''
          ? { code: 'SYNTAX', message: 'a filter name is missing after `|`', line, column }
          : { code: 'UNKNOWN_FILTER', message: `unknown filter \`${filter.name}\``, line, column },
      )
    }
  }
}

interface FilterToken {
  readonly name: string
  getPosition(): number[]
}

function visit(templates: readonly Template[], check: (node: Template) => void): void {
  for (const node of templates) {
    check(node)
    visit(childrenOf(node), check)
  }
}

function childrenOf(node: Template): readonly Template[] {
  // Templates never load partials (include and render are refused at parse), so walking the
  // children synchronously reads only what is already parsed.
  return node.children === undefined ? [] : toValueSync(node.children(false, true))
}

function segmentsOf(variable: Variable): PathSegment[] {
  return variable.segments.map((s) =>
    typeof s === 'string' || typeof s === 'number' ? s : { dynamic: String(s) },
  )
}

function pathText(segments: readonly PathSegment[]): string {
  return segments
    .map((s, i) => {
      if (typeof s === 'number') return `[${s}]`
      if (typeof s === 'object') return `[${s.dynamic}]`
      return i === 0 ? s : `.${s}`
    })
    .join('')
}
