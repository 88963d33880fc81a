/**
 * `despatch search QUERY [--from DATE] [--to DATE] [--priority ID] [--source ID] [--kind K] [--level L]
 *   [--sort newest|relevance] [--limit N] [--json] [--export csv|xlsx --out FILE] [--config FILE] [--data-dir DIR] [--demo]`
 *
 * The query language over the archive in the data dir, through the same functions as GET
 * /api/search and its export (shared/workspace/search-api.ts), so the command, the page and the
 * spreadsheet always agree. It reads the archive's day files directly and never writes, so it runs
 * alongside `despatch start`; while a stack runs, the items it stored in the last minutes come from
 * its DynamoDB endpoint as they do for the page (the archive may not hold them yet).
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import { compileSearchableQuery, QuerySyntaxError } from '../../shared/classify/rules/index.js';
import { createFileArchive } from '../../shared/adapters/local/file-archive.js';
import {
  searchDepsFrom,
  searchExport,
  SearchRequestError,
  searchResponse,
  type SearchApiDeps,
  type SearchResponse,
} from '../../shared/workspace/search-api.js';
import { londonDateTime } from '../../shared/deliver/render/time.js';
import { ARCHIVE_DIR, withLocalStore } from '../../infra/local/data-dir.js';
import { readLocalStackInfo } from '../../infra/local/stack-info.js';
import { parseCommandArgs, UsageError, type CommandOutput } from '../args.js';
import { DEFAULT_CONFIG, DEFAULT_DATA_DIR, DEMO_CONFIG, loadConfig } from '../local.js';
import { terminalLine } from '../output.js';
import { explainError } from './match.js';

const SEARCH_HELP = `despatch search QUERY [--from DATE] [--to DATE] [--priority ID] [--source ID] [--kind K] [--level L]
    [--sort newest|relevance] [--limit N] [--json] [--export csv|xlsx --out FILE] [--config FILE] [--data-dir DIR] [--demo]
  Search every archived item (kept for retention.days) with the query language of the priorities.
  --from/--to are London dates (YYYY-MM-DD, inclusive); --limit (1-200, default 50) is how many to
  print; --json prints them as an array; --export writes every match (up to 10,000) as a spreadsheet.
  Exit 0 with matches, 1 with none, 2 when the query or an option has a mistake (shown with its column).
  Works while "despatch start" runs on the same data dir.`;

const options = {
  from: { type: 'string' },
  to: { type: 'string' },
  priority: { type: 'string' },
  source: { type: 'string' },
  kind: { type: 'string' },
  level: { type: 'string' },
  sort: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean', default: false },
  export: { type: 'string' },
  out: { type: 'string' },
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  demo: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The filters the API takes, under the API's own names, so its schema checks them. */
const FILTERS = ['from', 'to', 'priority', 'source', 'kind', 'level', 'sort'] as const;

interface SearchCommandOptions {
  argv: string[];
  /** When the search runs (the export's file name, the recent items' window); the clock by default. */
  now?: () => Date;
}

/** Runs the command on its arguments (everything after "search") and says what to print. */
async function runSearch({ argv, now = () => new Date() }: SearchCommandOptions): Promise<CommandOutput> {
  const { values, positionals } = parseCommandArgs(argv, options, 'despatch search');
  if (values.help) return { code: 0, stdout: SEARCH_HELP, stderr: '' };
  // The query may be given unquoted: every word after "search" is part of it.
  const query = positionals.join(' ');
  if (query.trim() === '') throw new UsageError(`search needs a query\n\n${SEARCH_HELP}`);
  // Compiled here first for the mistake itself, so it is shown with a caret as "despatch match" shows it.
  try {
    compileSearchableQuery(query);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    if (values.json)
      return { code: 2, stdout: JSON.stringify({ query, error: { reason: error.reason, column: error.column, message: error.message } }), stderr: '' };
    return { code: 2, stdout: '', stderr: explainError(error) };
  }
  const exportFormat = exportOption(values.export, values.out);

  const params = new URLSearchParams({ q: query });
  for (const name of FILTERS) {
    const value = values[name];
    if (value !== undefined) params.set(name, value);
  }
  if (values.limit !== undefined && !exportFormat) params.set('limit', values.limit);
  if (exportFormat) params.set('format', exportFormat.format);

  const config = loadConfig(values.config ?? (values.demo ? DEMO_CONFIG : DEFAULT_CONFIG));
  const dataDir = resolve(values['data-dir'] ?? (values.demo ? `${DEFAULT_DATA_DIR}/demo` : DEFAULT_DATA_DIR));
  const archive = createFileArchive(join(dataDir, ARCHIVE_DIR), { retentionDays: config.retention.days, now });

  const search = async (deps: SearchApiDeps): Promise<CommandOutput> => {
    try {
      if (exportFormat) {
        const file = await searchExport(params, deps);
        writeFileSync(exportFormat.out, file.body);
        return {
          code: 0,
          stdout: `Wrote ${exportFormat.format.toUpperCase()} of the items matching ${terminalLine(query)} to ${exportFormat.out}`,
          stderr: '',
        };
      }
      const result = await searchResponse(params, deps);
      const code = result.total > 0 ? 0 : 1;
      if (values.json) return { code, stdout: jsonForTerminal(result.items), stderr: '' };
      return { code, stdout: formatResults(query, result, now()), stderr: '' };
    } catch (error) {
      // A filter the API's schema refuses (a date, a kind, a limit): the same words as the page gets.
      // Named as options here ("--kind: Invalid option…"), not as the API's parameters.
      if (error instanceof SearchRequestError) return { code: 2, stdout: '', stderr: error.message.replace(/(^|; )(\w+):/g, '$1--$2:') };
      throw error;
    }
  };

  // While "despatch start" runs, its latest items come from its store (through its endpoint, no lock);
  // otherwise the archive is all there is: the classifier archives each item as it stores it.
  if (readLocalStackInfo(dataDir)) {
    const found = await withLocalStore(dataDir, config.retention.days, (store) => search(searchDepsFrom(archive, store, now)));
    if (found) return found;
  }
  return search({ archive, recent: async () => [], now });
}

function exportOption(format: string | undefined, out: string | undefined): { format: 'csv' | 'xlsx'; out: string } | undefined {
  if (format === undefined && out === undefined) return undefined;
  const parsed = z.enum(['csv', 'xlsx']).safeParse(format);
  if (!parsed.success) throw new UsageError('--export must be csv or xlsx');
  if (!out) throw new UsageError('--export needs --out FILE');
  return { format: parsed.data, out: resolve(out) };
}

/**
 * The hits as a JSON array. JSON.stringify already escapes C0 controls (ESC among them); C1 controls
 * and text-direction overrides are escaped too (\u009b, \u202e), so the array, still exactly the
 * same JSON value, cannot move a terminal's cursor or reverse its text when printed to one.
 */
function jsonForTerminal(items: SearchResponse['items']): string {
  return JSON.stringify(items, null, 2).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A table: when, level, source and headline, the link under each headline; counts per priority under it. */
function formatResults(query: string, result: SearchResponse, now: Date): string {
  const q = terminalLine(query);
  if (result.total === 0) return `No archived item matches ${q}.`;
  const shown = result.items.length;
  const lines = [
    `${result.total} item${result.total === 1 ? '' : 's'} match ${q}` +
      (shown < result.total ? ` (the first ${shown}; --limit for more, --export for all)` : '') +
      ':',
    '',
  ];
  const rows = result.items.map((hit) => ({
    published: londonDateTime(new Date(hit.publishedAt), now),
    level: hit.level ?? '',
    source: clip(terminalLine(hit.sourceName), 24),
    title: terminalLine(hit.title),
    url: terminalLine(hit.url),
  }));
  const header = { published: 'PUBLISHED', level: 'LEVEL', source: 'SOURCE', title: 'TITLE', url: '' };
  const width = (key: 'published' | 'level' | 'source') => Math.max(...[header, ...rows].map((r) => r[key].length));
  const [wp, wl, ws] = [width('published'), width('level'), width('source')];
  const indent = ' '.repeat(wp + wl + ws + 6);
  for (const r of [header, ...rows]) {
    lines.push(`${r.published.padEnd(wp)}  ${r.level.padEnd(wl)}  ${r.source.padEnd(ws)}  ${r.title}`.trimEnd());
    if (r.url) lines.push(`${indent}${r.url}`);
  }
  const byPriority = Object.entries(result.counts.byPriority).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (byPriority.length > 0) lines.push('', `By priority: ${byPriority.map(([id, n]) => `${terminalLine(id)} ${n}`).join(', ')}`);
  return lines.join('\n');
}

/** Cut to `max` characters (whole code points) with an ellipsis. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** What main.ts calls. */
export async function searchCommand(argv: string[]): Promise<number> {
  const { code, stdout, stderr } = await runSearch({ argv });
  if (stdout) console.log(stdout);
  if (stderr) console.error(stderr);
  return code;
}
