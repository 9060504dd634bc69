export {
  createTemplateRenderer,
  type FlowTemplateRenderer,
  type TemplateRendererOptions,
} from './template-renderer.js'
export { TemplateRenderError } from './errors.js'
export { longestContext, sampleContext } from './sample-contexts.js'
export { formatMoney } from './format-money.js'
export { TEMPLATE_FLOWS, knownVariablePaths, type TemplateFlow } from './template-variables.js'
export {
  previewTemplate,
  type PreviewRequest,
  type RenderedPreview,
  type TemplatePreview,
  type Ucs2Occurrences,
} from './template-preview.js'
