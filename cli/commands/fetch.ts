/**
 * `despatch fetch URL [--kind KIND] [--json] [--config FILE]`: fetches one source exactly as the
 * poller does (fetchSource: the same safe fetcher, decoding, reading and normalising) and prints
 * its items, so a new source can be tried before it goes into the configuration. URL may also be
 * the id of a configured source (needed for html sources, whose selectors live in the config).
 * Exit 0 with the items; 1 when the source cannot be read (the reason is printed); 2 when the
 * command was used wrongly.
 */
import { existsSync } from 'node:fs';
import { configSchema, sourceKinds, type Config, type SourceConfig, type SourceKind } from '../../shared/platform/config/schema.js';
import { fetchSource } from '../../shared/ingest/fetch-source.js';
import { parliamentWatch } from '../../shared/ingest/parliament/api.js';
import type { NormalisedItem } from '../../shared/platform/model.js';
import { parseCommandArgs, UsageError, type CommandOutput } from '../args.js';
import { DEFAULT_CONFIG, loadConfig } from '../local.js';
import { terminalLine } from '../output.js';

export const FETCH_HELP = `despatch fetch URL [--kind KIND] [--json] [--config FILE]
    Fetch one source the way the poller does and print its items (title, date, link, kind).
    URL can also be the id of a source in the configuration (html sources need their selectors
    from there). KIND: ${sourceKinds.join(', ')} (default: the configured kind, else worked out
    from the address, else rss). --json prints a JSON array of the items.`;

const options = {
  kind: { type: 'string' },
  json: { type: 'boolean', default: false },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Runs the command on its arguments (everything after "fetch") and says what to print. */
export async function runFetch(argv: string[], now: () => Date = () => new Date()): Promise<CommandOutput> {
  const { values, positionals } = parseCommandArgs(argv, options, 'despatch fetch');
  if (values.help) return { code: 0, stdout: FETCH_HELP, stderr: '' };
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new UsageError(`fetch needs one URL (or a source id)\n\n${FETCH_HELP}`);
  const kind = kindOption(values.kind);
  const config = configFor(values.config);
  const source = sourceFor(target, kind, config);
  const network = config?.network ?? configDefaults().network;

  let items: NormalisedItem[];
  let title: string | undefined;
  try {
    const outcome = await fetchSource(source, {}, { network, now: now(), ...(config ? { watch: parliamentWatch(config) } : {}) });
    // No validators are sent, so the server has nothing to answer 304 to; treat one as "no items".
    items = outcome.kind === 'ok' ? outcome.items : [];
    title = outcome.kind === 'ok' ? outcome.feedTitle : undefined;
  } catch (error) {
    return { code: 1, stdout: '', stderr: `Cannot read ${source.url}: ${reasonOf(error)}` };
  }
  if (values.json) return { code: 0, stdout: JSON.stringify(items, null, 2), stderr: '' };
  return { code: 0, stdout: describe(source, title, items), stderr: '' };
}

/** What main.ts calls: prints and returns the exit code. */
export async function fetchCommand(argv: string[]): Promise<number> {
  const { code, stdout, stderr } = await runFetch(argv);
  if (stdout) console.log(stdout);
  if (stderr) console.error(stderr);
  return code;
}

function kindOption(value: string | undefined): SourceKind | undefined {
  if (value === undefined) return undefined;
  const kind = sourceKinds.find((k) => k === value);
  if (!kind) throw new UsageError(`--kind must be one of ${sourceKinds.join(', ')} (not "${value}")`);
  return kind;
}

/** The named file; else the default one when it is there (for the contact and network settings); else none. */
function configFor(file: string | undefined): Config | undefined {
  if (file) return loadConfig(file);
  return existsSync(DEFAULT_CONFIG) ? loadConfig(DEFAULT_CONFIG) : undefined;
}

/** The schema's defaults, for when there is no configuration file at hand. */
function configDefaults(): Pick<Config, 'network'> {
  return { network: configSchema.shape.network.parse(undefined) };
}

function sourceFor(target: string, kind: SourceKind | undefined, config: Config | undefined): SourceConfig {
  const configured = config?.sources.find((s) => s.id === target) ?? config?.sources.find((s) => s.url === target);
  if (configured) return kind && kind !== configured.kind ? withKind(configured, kind) : configured;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    const ids = config ? ` (configured sources: ${config.sources.map((s) => s.id).join(', ')})` : '';
    throw new UsageError(`"${target}" is neither a web address nor the id of a configured source${ids}`);
  }
  const chosen = kind ?? guessKind(url);
  if (chosen === 'html') {
    throw new UsageError(
      'an html source needs CSS selectors: add the page to the configuration (kind: html, with selectors) and run "despatch fetch <source id> --config FILE"',
    );
  }
  return { id: 'fetch', name: url.hostname, kind: chosen, url: url.href, group: 'fetch', outlet: 'local' };
}

function withKind(source: SourceConfig, kind: SourceKind): SourceConfig {
  if (kind === 'html' && !source.selectors) throw new UsageError(`source "${source.id}" has no selectors, which kind html needs`);
  return { ...source, kind };
}

/** The Bills API and ModernGov feeds are recognisable by their addresses; anything else is read as a feed. */
function guessKind(url: URL): SourceKind {
  if (url.hostname === 'bills-api.parliament.uk') return 'parliament-bills';
  if (/\/mgrss\.aspx$/i.test(url.pathname)) return 'moderngov';
  return 'rss';
}

const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function when(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : clock.format(new Date(value));
}

function describe(source: SourceConfig, title: string | undefined, items: NormalisedItem[]): string {
  const heading = `${title || source.name}: ${items.length} item${items.length === 1 ? '' : 's'} (${source.kind}, ${source.url})`;
  const lines = [heading];
  items.forEach((item, i) => {
    const flag = item.dateFlag === 'missing' ? ' (no date given)' : item.dateFlag === 'future' ? ' (future date, shown as now)' : '';
    lines.push('', `${i + 1}. ${item.title || '(no title)'}`, `   ${when(item.publishedAt)}${flag} · ${item.kind}`);
    if (item.link) lines.push(`   ${item.link}`);
    const details = detailText(item);
    if (details) lines.push(`   ${details}`);
  });
  // Every line carries text from the page or feed: nothing in it may drive the terminal.
  return lines.map(terminalLine).join('\n');
}

function detailText(item: NormalisedItem): string {
  const d = item.details;
  if (!d) return '';
  const parts: string[] = [];
  if (d.documentType) parts.push(d.documentType);
  if (d.legislationType) parts.push(`${d.legislationType}${d.year ? ` ${d.year}` : ''}${d.legislationNumber !== undefined ? `/${d.legislationNumber}` : ''}`);
  if (d.billStage) parts.push(`stage: ${d.billStage}${d.billHouse ? `, ${d.billHouse}` : ''}`);
  if (d.committee) parts.push(`committee: ${d.committee}`);
  if (d.meetingDate) parts.push(`meeting: ${when(d.meetingDate)}`);
  if (d.closingDate) parts.push(`closes: ${when(d.closingDate)}`);
  return parts.join(' · ');
}

function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error && typeof error.reason === 'string') return error.reason;
  throw error;
}
