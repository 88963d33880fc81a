/**
 * `despatch rules label --config FILE --out FILE.jsonl [--csv FILE] [--priority ID]`: writes the
 * labels file the rule lab reads, so nobody has to write JSON by hand.
 *
 * - From a spreadsheet saved as CSV with a `headline` column and a `label` column. A label is
 *   y / yes (about --priority), n / no or empty (about none), the id or name of a priority, a
 *   sensitivity level (none, watch, high, critical), or several of these separated by ";".
 * - Without --csv, on a terminal: reads the headlines (one a line, or the CSV's headline column from
 *   --headlines FILE) and asks y/n for each: "Is this about Housing?".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { loadConfigFile } from '../../shared/platform/config/load.js';
import { sensitivityLevels, type Config, type SensitivityLevel } from '../../shared/platform/config/schema.js';
import { parseCommandArgs, UsageError } from '../args.js';
import { terminalLine } from '../output.js';

export const LABEL_HELP = `despatch rules label --config FILE --out FILE.jsonl [--csv FILE] [--priority ID] [--headlines FILE]
    Writes the labelled headlines file for "despatch rules test". From a CSV with headline and label
    columns (label: y or n for --priority, a priority's name, a sensitivity level such as high, or
    several separated by ";"), or, without --csv, by asking y/n for each headline in --headlines.`;

const options = {
  config: { type: 'string' },
  out: { type: 'string' },
  csv: { type: 'string' },
  headlines: { type: 'string' },
  priority: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export interface LabelLine {
  title: string;
  priorities: string[];
  sensitivity?: SensitivityLevel;
}

/** A CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF) as rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\ufeff/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      (row.push(field), rows.push(row), (row = []), (field = ''));
    } else field += c;
  }
  if (field !== '' || row.length > 0) (row.push(field), rows.push(row));
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** The labels from a CSV's headline and label columns; every problem named with its row. */
export function labelsFromCsv(text: string, file: string, config: Config, priority?: string): LabelLine[] {
  const [header, ...rows] = parseCsv(text);
  const columns = (header ?? []).map((h) => h.trim().toLowerCase());
  const headline = columns.findIndex((c) => c === 'headline' || c === 'title');
  const label = columns.indexOf('label');
  if (headline < 0 || label < 0)
    throw new UsageError(`${file}: the first row must name the columns, with "headline" and "label" among them (found: ${columns.join(', ') || 'nothing'})`);
  const problems: string[] = [];
  const lines = rows.flatMap((row, i) => {
    const title = (row[headline] ?? '').trim();
    if (title === '') return [];
    const parsed = parseLabel(row[label] ?? '', config, priority);
    if (typeof parsed === 'string') {
      problems.push(`${file}: row ${i + 2} ("${terminalLine(title).slice(0, 60)}"): ${parsed}`);
      return [];
    }
    return [{ title, ...parsed }];
  });
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return lines;
}

/** One label cell, or what is wrong with it in words. */
function parseLabel(cell: string, config: Config, priority: string | undefined): Omit<LabelLine, 'title'> | string {
  const out: Omit<LabelLine, 'title'> = { priorities: [] };
  for (const raw of cell
    .split(';')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)) {
    if (['y', 'yes'].includes(raw)) {
      if (!priority) return `"${raw}" needs --priority to say which priority yes means`;
      out.priorities.push(priority);
    } else if (['n', 'no'].includes(raw)) continue;
    else if ((sensitivityLevels as readonly string[]).includes(raw)) out.sensitivity = raw as SensitivityLevel;
    else {
      const found = config.priorities.find((p) => p.id.toLowerCase() === raw || p.name.toLowerCase() === raw);
      if (!found)
        return `"${raw}" is not y, n, a priority (${config.priorities.map((p) => p.name).join(', ')}) or a sensitivity level (${sensitivityLevels.join(', ')})`;
      out.priorities.push(found.id);
    }
  }
  out.priorities = [...new Set(out.priorities)];
  return out;
}

export function toJsonl(lines: readonly LabelLine[]): string {
  return lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length > 0 ? '\n' : '');
}

/**
 * Asks y/n for each headline: "s" skips one (left out of the file), "q" stops and keeps what was
 * answered, anything else asks again. The streams are parameters so a test can answer.
 */
export async function askEach(
  headlines: readonly string[],
  priority: { id: string; name: string },
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = { input: process.stdin, output: process.stdout },
): Promise<LabelLine[]> {
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  // The end of the input (Ctrl-D) stops like "q": without this the last question would wait for ever.
  const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('q')));
  const lines: LabelLine[] = [];
  try {
    for (const [i, title] of headlines.entries()) {
      let answer = '';
      while (!['y', 'n', 'yes', 'no', 's', 'skip', 'q', 'quit'].includes(answer)) {
        answer = (
          await Promise.race([
            closed,
            rl.question(`[${i + 1}/${headlines.length}] ${terminalLine(title)}\n  Is this about ${priority.name}? (y = yes, n = no, s = skip, q = stop here) `),
          ])
        )
          .trim()
          .toLowerCase();
      }
      if (answer.startsWith('q')) break;
      if (answer.startsWith('s')) continue;
      lines.push({ title, priorities: answer.startsWith('y') ? [priority.id] : [] });
    }
  } finally {
    rl.close();
  }
  return lines;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

export async function labelCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, options, 'despatch rules label');
  if (values.help) {
    console.log(LABEL_HELP);
    return 0;
  }
  if (!values.config || !values.out) throw new UsageError(`rules label needs --config and --out\n\n${LABEL_HELP}`);
  const config = loadConfigFile(values.config);
  const priority =
    values.priority === undefined
      ? undefined
      : config.priorities.find((p) => p.id === values.priority || p.name.toLowerCase() === values.priority?.toLowerCase());
  if (values.priority !== undefined && !priority)
    throw new UsageError(`--priority "${values.priority}" is not one of the configured priorities: ${config.priorities.map((p) => p.id).join(', ')}`);
  let lines: LabelLine[];
  if (values.csv) lines = labelsFromCsv(readText(values.csv), values.csv, config, priority?.id);
  else {
    if (!values.headlines || !priority)
      throw new UsageError(`without --csv, rules label asks about each headline: give --headlines FILE and --priority ID\n\n${LABEL_HELP}`);
    if (!process.stdin.isTTY) throw new UsageError('rules label asks y/n on a terminal; with no terminal, give a CSV with --csv');
    const text = readText(values.headlines);
    const rows = values.headlines.toLowerCase().endsWith('.csv')
      ? parseCsv(text)
          .slice(1)
          .map((r) => r[0] ?? '')
      : text.split(/\r?\n/);
    lines = await askEach(rows.map((r) => r.trim()).filter(Boolean), priority);
  }
  writeFileSync(values.out, toJsonl(lines));
  console.log(
    `Wrote ${lines.length} labelled headline${lines.length === 1 ? '' : 's'} to ${values.out}. Try the rules on them: despatch rules test --config ${values.config} --labels ${values.out}`,
  );
  return 0;
}
