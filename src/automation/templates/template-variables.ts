/** The kinds of message a flow sends, each with the variables its context carries. */
export const TEMPLATE_FLOWS = [
  'abandoned_checkout',
  'order_confirmation',
  'shipping_update',
] as const
export type TemplateFlow = (typeof TEMPLATE_FLOWS)[number]

/** The shape of one known variable: a value, an object of named fields, or a list. */
type Shape =
  | { readonly kind: 'value' }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Shape>> }
  | { readonly kind: 'list'; readonly item: Shape }

const value: Shape = { kind: 'value' }
const object = (fields: Record<string, Shape>): Shape => ({ kind: 'object', fields })

/**
 * Every variable a message template may use. Money (`price`, `total`) is integer micro-units,
 * shown with the `money` filter.
 */
const ROOTS: Readonly<Record<string, Shape>> = {
  customer: object({ first_name: value, last_name: value }),
  checkout: object({
    items: {
      kind: 'list',
      item: object({ title: value, quantity: value, price: value, variant_title: value }),
    },
    total: value,
    currency: value,
  }),
  recovery_url: value,
  discount: object({ code: value, value }),
  store: object({ name: value }),
  order: object({ name: value, total: value, currency: value }),
  shipment: object({ tracking_url: value, tracking_number: value, tracking_company: value }),
}

/** The root variables each flow's context has. */
export const FLOW_ROOTS: Readonly<Record<TemplateFlow, readonly string[]>> = {
  abandoned_checkout: ['customer', 'checkout', 'recovery_url', 'discount', 'store'],
  order_confirmation: ['customer', 'order', 'discount', 'store'],
  shipping_update: ['customer', 'order', 'shipment', 'store'],
}

/** One step of a variable reference: a property name, a list index, or an index variable. */
export type PathSegment = string | number | { readonly dynamic: string }

/** What a path means: a known variable, or why it is not one. */
export type PathCheck =
  { readonly known: true } | { readonly known: false; readonly reason: string }

/** A position inside the known variables, from which a loop variable's paths continue. */
export type ShapeCursor = Shape | 'anything'

/** The shape at the root of the known variables, with `flow` limiting which roots exist. */
export function rootCursor(root: string, flow: TemplateFlow | undefined): ShapeCursor | string {
  const shape = ROOTS[root]
  if (shape === undefined) return `\`${root}\` is not a template variable`
  if (flow !== undefined && !FLOW_ROOTS[flow].includes(root)) {
    return `\`${root}\` is not available in ${flow.replaceAll('_', ' ')} messages`
  }
  return shape
}

/**
 * Follows `segments` (the root already taken) down from `start`. Lists allow an index, `first`,
 * `last` and `size`; text allows `size`, as Liquid does.
 */
export function followPath(start: ShapeCursor, segments: readonly PathSegment[]): PathCheck {
  let shape: ShapeCursor | 'size' = start

  for (const segment of segments) {
    if (shape === 'anything') return { known: true }
    if (shape === 'size') return { known: false, reason: '`size` has no fields' }

    if (shape.kind === 'object') {
      const field: Shape | undefined =
        typeof segment === 'string' ? shape.fields[segment] : undefined
      if (field === undefined) {
        return { known: false, reason: `fields are ${Object.keys(shape.fields).join(', ')}` }
      }
      shape = field
    } else if (shape.kind === 'list') {
      if (segment === 'size') shape = 'size'
      else if (typeof segment !== 'string' || segment === 'first' || segment === 'last') {
        shape = shape.item
      } else {
        return { known: false, reason: 'a list takes an index, `first`, `last` or `size`' }
      }
    } else if (segment === 'size') {
      shape = 'size'
    } else {
      return { known: false, reason: 'a value has no fields' }
    }
  }

  return { known: true }
}

/** The shape of one element when a loop walks the list at `start` + `segments`. */
export function loopItemCursor(start: ShapeCursor, segments: readonly PathSegment[]): ShapeCursor {
  let shape: ShapeCursor = start
  for (const segment of segments) {
    if (shape === 'anything') return 'anything'
    if (shape.kind === 'object' && typeof segment === 'string') {
      shape = shape.fields[segment] ?? 'anything'
    } else if (shape.kind === 'list' && segment !== 'size') {
      shape = shape.item
    } else {
      return 'anything'
    }
  }
  return shape !== 'anything' && shape.kind === 'list' ? shape.item : 'anything'
}

/** Every known variable path, for documentation and messages: `checkout.items[n].title`. */
export function knownVariablePaths(): readonly string[] {
  const paths: string[] = []
  const visit = (prefix: string, shape: Shape): void => {
    if (shape.kind === 'value') paths.push(prefix)
    else if (shape.kind === 'list') visit(`${prefix}[n]`, shape.item)
    else for (const [name, field] of Object.entries(shape.fields)) visit(`${prefix}.${name}`, field)
  }
  for (const [root, shape] of Object.entries(ROOTS)) visit(root, shape)
  return paths
}
