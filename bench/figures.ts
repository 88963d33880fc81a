/**
 * How every benchmark reports: a name, a unit and the values of several runs; printed as one
 * table row (min / median / max) by bench/index.ts, or on its own when a script runs alone.
 */
export interface Figure {
  name: string;
  unit: string;
  values: number[];
  note?: string;
}

export function summarise(values: readonly number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { min: sorted[0] ?? NaN, median, max: sorted[sorted.length - 1] ?? NaN };
}

const fmt = (n: number) => (Number.isNaN(n) ? '—' : Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(n >= 10 ? 1 : 2));

export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const s = summarise(f.values);
    return [f.name, f.unit, fmt(s.min), fmt(s.median), fmt(s.max), String(f.values.length), f.note ?? ''];
  });
  const header = ['measure', 'unit', 'min', 'median', 'max', 'runs', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 && i <= 5 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Runs `measure` `runs` times (after one warm-up) and collects each run's figures by name. */
export async function repeat(runs: number, measure: () => Promise<Figure[]> | Figure[]): Promise<Figure[]> {
  await measure();
  const byName = new Map<string, Figure>();
  for (let i = 0; i < runs; i++) {
    for (const f of await measure()) {
      const key = `${f.name}|${f.unit}`;
      const existing = byName.get(key);
      if (existing) existing.values.push(...f.values);
      else byName.set(key, { ...f, values: [...f.values] });
    }
  }
  return [...byName.values()];
}
