/**
 * The layout of shared/ is a rule, not a habit: read every relative import and check the layers.
 *
 *   platform  <  ingest < classify < deliver < grid < workspace  <  adapters  <  runtime
 *
 * - platform/ imports nothing else in shared/;
 * - a stage imports platform/, itself and stages before it, never an adapter or the runtime;
 * - adapters/ import platform/ and the stages whose ports they implement, never the runtime;
 * - runtime/ (the one composition root) may import anything; only handlers, the local runtime, the
 *   CLI, benchmarks and tests import it;
 * - no two folders import each other, at any depth.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SHARED = join(ROOT, 'shared');

const LAYERS = ['platform', 'ingest', 'classify', 'deliver', 'grid', 'workspace', 'adapters', 'runtime'] as const;
type Layer = (typeof LAYERS)[number];
const STAGES: readonly Layer[] = ['ingest', 'classify', 'deliver', 'grid', 'workspace'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface Edge {
  readonly from: string;
  readonly to: string;
}

/** Every relative import (static, type-only, re-export or dynamic) of a file, resolved to a path. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm)].map((m) => m[1] ?? '');
  return specs.map((spec) => normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts'));
}

function edgesUnder(root: string): Edge[] {
  return tsFiles(root).flatMap((from) => importsOf(from).map((to) => ({ from, to })));
}

const layerOf = (file: string): Layer | 'outside' => {
  const rel = relative(SHARED, file);
  if (rel.startsWith('..')) return 'outside';
  const top = rel.split('/')[0] ?? '';
  const layer = LAYERS.find((l) => l === top);
  if (!layer) throw new Error(`${rel}: shared/ holds only ${LAYERS.join(', ')}; put this file in one of them`);
  return layer;
};

/** Why an import breaks the layering, or undefined when it is allowed. */
export function layeringViolation(fromLayer: Layer, toLayer: Layer | 'outside'): string | undefined {
  if (toLayer === 'outside') return 'imports from outside shared/';
  if (fromLayer === toLayer || toLayer === 'platform') return undefined;
  if (fromLayer === 'platform') return 'platform/ imports nothing above it';
  if (fromLayer === 'runtime') return undefined;
  if (toLayer === 'runtime') return 'only handlers, the local runtime and the CLI import runtime/';
  if (fromLayer === 'adapters') return STAGES.includes(toLayer) ? undefined : `adapters/ import only platform/ and stages`;
  if (toLayer === 'adapters') return 'a stage never imports an adapter: declare a port in its ports.ts';
  return STAGES.indexOf(toLayer) < STAGES.indexOf(fromLayer) ? undefined : `${fromLayer}/ comes before ${toLayer}/ in the pipeline`;
}

/** Folder-level cycles: any two folders (at any depth) that import each other, directly or round a loop. */
export function folderCycles(edges: readonly Edge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = relative(SHARED, dirname(from));
    const b = relative(SHARED, dirname(to));
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)?.add(b);
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('the layout of shared/', () => {
  const edges = edgesUnder(SHARED);

  it('reads the imports at all (a positive control: there are hundreds)', () => {
    expect(edges.length).toBeGreaterThan(200);
  });

  it('has no import from a lower layer to a higher one, and no stage importing an adapter', () => {
    const violations = edges.flatMap(({ from, to }) => {
      const fromLayer = layerOf(from);
      const why = fromLayer === 'outside' ? 'is outside shared/' : layeringViolation(fromLayer, layerOf(to));
      return why ? [`${relative(ROOT, from)} → ${relative(ROOT, to)}: ${why}`] : [];
    });
    expect(violations).toEqual([]);
  });

  it('has no two folders that import each other', () => {
    expect(folderCycles(edges).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('would catch an upward import and a cycle (the checks can fail)', () => {
    expect(layeringViolation('platform', 'ingest')).toMatch(/nothing above/);
    expect(layeringViolation('ingest', 'deliver')).toMatch(/comes before/);
    expect(layeringViolation('classify', 'adapters')).toMatch(/port/);
    expect(layeringViolation('grid', 'runtime')).toMatch(/runtime/);
    const a = join(SHARED, 'ingest', 'a.ts');
    const b = join(SHARED, 'classify', 'b.ts');
    expect(
      folderCycles([
        { from: a, to: b },
        { from: b, to: a },
      ]),
    ).toHaveLength(1);
  });

  it('is imported by the handlers only through runtime/ and the stages, never an adapter', () => {
    const handlers = tsFiles(join(ROOT, 'functions'));
    const bad = handlers.flatMap((file) =>
      importsOf(file)
        .filter((to) => layerOf(to) === 'adapters')
        .map((to) => `${relative(ROOT, file)} → ${relative(ROOT, to)}`),
    );
    expect(bad).toEqual([]);
  });
});
