/**
 * Where things are on disk, resolved from this file rather than the working directory, so the
 * CDK CLI, vitest and a plain `tsx` run all find the same handler files and lock file.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: topology entries (`functions/<id>/handler.ts`) are relative to it. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The npm lock file NodejsFunction needs to find the project root and esbuild. */
export const lockFile = join(repoRoot, 'package-lock.json');
