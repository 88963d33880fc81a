/**
 * `npm run bench`: every benchmark, several runs each, one table of min / median / max. Prints
 * figures and never fails on a timing (these machines are noisy). Each script can also be run alone.
 * Options: --runs N (default 3), --quick (fewer runs, a smaller end-to-end).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatTable, type Figure } from './figures.js';
import { measureBundles } from './bundles.js';
import { measureParse } from './parse.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : quick ? 1 : 3;

/** Runs a bench script in its own process (so runs do not share JIT state or caches) and returns its output. */
function script(file: string, args: string[] = []): string {
  return execFileSync(process.execPath, ['--import', 'tsx', '--no-warnings', file, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'CRITICAL', POWERTOOLS_METRICS_DISABLED: 'true' },
  });
}

function number(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match?.[1] ? Number(match[1].replace(/,/g, '')) : NaN;
}

/** Runs a script `RUNS` times and reads named figures out of what it prints. */
function fromScript(file: string, args: string[], read: Record<string, { unit: string; pattern: RegExp; note?: string }>, runs = RUNS): Figure[] {
  const figures = Object.entries(read).map(([name, r]) => ({ name, unit: r.unit, values: [] as number[], ...(r.note ? { note: r.note } : {}) }));
  for (let i = 0; i < runs; i++) {
    const out = script(file, args);
    figures.forEach((f, k) => f.values.push(number(out, Object.values(read)[k]!.pattern)));
  }
  return figures;
}

const sections: [string, () => Promise<Figure[]> | Figure[]][] = [
  [
    'classifier',
    () =>
      fromScript('bench/rules.ts', [], {
        'classifier, 300 queries, 2 KB items': { unit: 'items/s', pattern: /^300 queries: compiled: ([\d,]+) items\/s/m, note: 'one core; target ≥ 50,000' },
        'classifier, 3,000 queries': { unit: 'items/s', pattern: /^3,000 queries: compiled: ([\d,]+) items\/s/m, note: 'one core; target ≥ 20,000' },
        'classifier, 30,000 queries': {
          unit: 'items/s',
          pattern: /^30,000 queries: compiled: ([\d,]+) items\/s/m,
          note: '100 councils × 300; target ≥ 10,000',
        },
        'classifier vs naive RegExp baseline': { unit: '×', pattern: /ratio: ([\d.]+)×/, note: 'same run; target ≥ 20×' },
      }),
  ],
  ['parse', () => measureParse(RUNS)],
  [
    'poll',
    () =>
      fromScript('bench/poll-500.ts', [], {
        'poll 500 sources at 50 ms, 100 hosts': { unit: 's', pattern: /100 hosts\s*: ([\d.]+) s/, note: 'one poller run; target < 60 s' },
        'poll 500 sources at 50 ms, one host': { unit: 's', pattern: /one host\s*: ([\d.]+) s/, note: '2 requests at a time per host' },
      }),
  ],
  [
    'end to end',
    () =>
      fromScript(
        'bench/e2e.ts',
        quick ? ['60', '20'] : ['300', '20'],
        {
          [`local stack end to end, ${quick ? 60 : 300} sources × 20 items`]: { unit: 's', pattern: /end to end \(\d+ sources × \d+ items\)\s+s\s+([\d.,]+)/ },
          'local stack throughput': { unit: 'items/s', pattern: /end to end throughput\s+items\/s\s+([\d.,]+)/ },
          'DynamoDB write units per new item': {
            unit: 'WCU',
            pattern: /write units per new item\s+WCU\s+([\d.,]+)/,
            note: 'ReturnConsumedCapacity + index copies',
          },
          'DynamoDB read units per new item': { unit: 'RCU', pattern: /read units per new item\s+RCU\s+([\d.,]+)/ },
          'DynamoDB write units, unchanged re-poll': {
            unit: 'WCU',
            pattern: /write units, unchanged re-poll\s+WCU\s+([\d.,]+)/,
            note: 'all sources answering 304',
          },
        },
        quick ? 1 : Math.min(RUNS, 2),
      ),
  ],
  [
    'alert latency',
    () =>
      fromScript(
        'bench/alert-latency.ts',
        [],
        {
          'alert latency (feed → outbox), median': { unit: 's', pattern: /median ([\d.]+) s/, note: 'press polled every minute' },
          'alert latency (feed → outbox), max': { unit: 's', pattern: /max ([\d.]+) s/, note: 'bound: poll interval + 5 s = 65 s' },
        },
        1,
      ),
  ],
  [
    'archive search',
    () =>
      fromScript(
        'bench/search.ts',
        quick ? ['--days', '30', '--per-day', '1000', '--runs', '5'] : [],
        {
          [`archive search, worst query p50, ${quick ? '30 × 1,000' : '400 × 3,000'} items`]: {
            unit: 'ms',
            pattern: /worst over the whole archive: p50 (\d+) ms/,
            note: 'target ≤ 1,000 ms at 400 × 3,000',
          },
          'archive search, worst query p95': { unit: 'ms', pattern: /worst over the whole archive: p50 \d+ ms, p95 (\d+) ms/, note: 'target ≤ 3,000 ms' },
        },
        1,
      ),
  ],
  ['bundles', () => measureBundles(quick ? 2 : 5)],
];

const figures: Figure[] = [];
for (const [name, measure] of sections) {
  process.stderr.write(`bench: ${name}…\n`);
  try {
    figures.push(...(await measure()));
  } catch (error) {
    figures.push({ name, unit: '', values: [], note: `not measured: ${(error as Error).message.split('\n')[0]}` });
  }
}
console.log(formatTable(figures));
console.log('\nPer-operation figures for "despatch cost": bench/measured.json (written by the end-to-end run).');
