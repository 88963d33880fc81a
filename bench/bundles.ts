/**
 * Each Lambda as `cdk synth` builds it (esbuild, ESM, minified, node22, AWS SDK bundled, the
 * configuration inlined): bundle size, and module initialisation time when Node loads the bundle in
 * a fresh process (the part of a cold start that is ours), and the five packages that put the most
 * bytes in each bundle (KB, from esbuild's metafile). Run: npx tsx bench/bundles.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { loadConfigFile } from '../shared/platform/config/load.js';
import { functions } from '../shared/platform/topology.js';
import { ENV } from '../shared/platform/env.js';
import { projectConfig } from '../shared/platform/config/projections.js';
import { sealAlertSecrets } from '../shared/deliver/alerts/secrets.js';
import { formatTable, type Figure } from './figures.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function measureBundles(runs = 5): Promise<Figure[]> {
  const config = loadConfigFile(join(root, 'config', 'example.yaml'));
  const out = mkdtempSync(join(tmpdir(), 'despatch-bundles-'));
  const figures: Figure[] = [];
  try {
    for (const spec of Object.values(functions)) {
      const file = join(out, `${spec.id}.mjs`);
      // The same options as infra/despatch-function.ts.
      const { metafile } = await build({
        entryPoints: [join(root, spec.entry)],
        outfile: file,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        minify: true,
        mainFields: ['module', 'main'],
        banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
        define: { [`process.env.${ENV.bundledConfig}`]: JSON.stringify(JSON.stringify(projectConfig(spec.id, sealAlertSecrets(config)))) },
        logLevel: 'silent',
        metafile: true,
      });
      figures.push({ name: `${spec.id} bundle`, unit: 'KB', values: [statSync(file).size / 1024], note: dominantInputs(metafile).join(', ') });
      const probe = join(out, `probe-${spec.id}.mjs`);
      writeFileSync(
        probe,
        `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)}); if (typeof m.handler !== 'function') throw new Error('no handler'); console.log(performance.now() - t);`,
      );
      const values: number[] = [];
      for (let i = 0; i < runs; i++) {
        const ms = execFileSync(process.execPath, ['--no-deprecation', '--no-warnings', probe], {
          env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', TABLE_NAME: 'bench', POWERTOOLS_METRICS_DISABLED: 'true' },
          encoding: 'utf8',
        });
        values.push(Number(ms.trim().split('\n').pop()));
      }
      figures.push({ name: `${spec.id} module init`, unit: 'ms', values });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return figures;
}

/**
 * What dominates a bundle: the bytes each package (or each folder of our own code) puts in the
 * output, from esbuild's metafile, largest first. Grouped by package because a package is what an
 * import decision can add or remove; single files would only split the same answer up.
 */
function dominantInputs(metafile: Metafile, count = 5): string[] {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
    }
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([pkg, bytes]) => `${pkg} ${Math.round(bytes / 1024)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatTable(await measureBundles()));
}
