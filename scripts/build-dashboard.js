#!/usr/bin/env node
// Bundles the dashboard's browser code (src/dashboard/app) into dist/public: one script,
// one stylesheet, the chunks one page loads on its own, and the page, minified; it prints
// their sizes raw and gzipped.
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const source = 'src/dashboard/app'
const out = 'dist/public'
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

await build({
  entryPoints: { app: join(source, 'main.tsx') },
  bundle: true,
  minify: true,
  format: 'esm',
  // Code loaded on one page only (the chart library) comes in a chunk of its own.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: out,
  legalComments: 'none',
  logLevel: 'warning',
})
copyFileSync(join(source, 'index.html'), join(out, 'index.html'))

const sizes = readdirSync(out)
  .filter((name) => /\.(js|css)$/.test(name))
  .map((name) => {
    const bytes = readFileSync(join(out, name))
    const kib = (length) => (length / 1024).toFixed(1)
    return `${name} ${kib(bytes.length)} KiB (${kib(gzipSync(bytes).length)} KiB gzipped)`
  })
console.log(`dashboard bundle: ${sizes.join(', ')}`)
