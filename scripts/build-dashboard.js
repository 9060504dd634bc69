#!/usr/bin/env node
// Bundles the dashboard's browser code (src/dashboard/app) into dist/public: one script,
// one stylesheet and the page, minified, and prints their sizes raw and gzipped.
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const source = 'src/dashboard/app'
const out = 'dist/public'
mkdirSync(out, { recursive: true })

await build({
  entryPoints: { app: join(source, 'main.tsx') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: out,
  legalComments: 'none',
  logLevel: 'warning',
})
copyFileSync(join(source, 'index.html'), join(out, 'index.html'))

const sizes = ['app.js', 'app.css'].map((name) => {
  const bytes = readFileSync(join(out, name))
  return `${name} ${(bytes.length / 1024).toFixed(1)} KiB (${(gzipSync(bytes).length / 1024).toFixed(1)} KiB gzipped)`
})
if (process.argv.includes('--sizes')) console.log(`dashboard bundle: ${sizes.join(', ')}`)
