/**
 * Builds the review page's files: web/index.html and web/style.css as they are, and web/app.ts
 * bundled for the browser by esbuild (with the same counter and schemas the server uses). The
 * local server builds them at start; the CDK app builds them at synth and inlines them into the
 * review-api function, which serves them (no bucket or CDN to run for one page).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { WebAssets } from '../../shared/workspace/http-api.js';
import { repoRoot } from '../paths.js';

export const WEB_DIR = join(repoRoot, 'web');

export function buildWebAssets(): WebAssets {
  const result = buildSync({
    entryPoints: [join(WEB_DIR, 'app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0];
  if (!js) throw new Error('esbuild produced no bundle for web/app.ts');
  return {
    'index.html': readFileSync(join(WEB_DIR, 'index.html'), 'utf8'),
    'app.js': js.text,
    'style.css': readFileSync(join(WEB_DIR, 'style.css'), 'utf8'),
  };
}
