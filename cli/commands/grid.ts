/**
 * `despatch grid [--week next|this|DATE|2026-W49] [--replan] [--config FILE] [--data-dir DIR] [--demo] [--json] [--export csv|xlsx|ics --out FILE]`
 *
 * Prints the week's social media grid as stored, planning it from the items in the data dir (the
 * DynamoDB data `despatch start` and `run --once` keep) only when it was never planned, or with
 * --replan. Printing never re-plans: drafts a reviewer has not touched yet must not change under
 * them because someone looked at the week. It prints every post with its hook and why, empty slots and
 * why, hooks left out and why, and the sensitive stories that may need a response. With --export
 * it writes the week the same way to a spreadsheet or a
 * calendar of the approved posts. With --json it prints the planned week as JSON (slots with their
 * checks, talking points, what was left out and why) for scripts and tests. Runs the same planner
 * function the weekly schedule runs.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import type { Config } from '../../shared/platform/config/schema.js';
import { shortDateFrom } from '../../shared/grid/calendar.js';
import { londonDate } from '../../shared/platform/time.js';
import { CHANNEL_RULES, countLength } from '../../shared/grid/counter.js';
import { exportFormats, exportGrid } from '../../shared/grid/export.js';
import type { GridWeek } from '../../shared/grid/model.js';
import { KIND_LABEL, GridNotConfiguredError } from '../../shared/grid/planner.js';
import type { LocalStack } from '../../infra/local/runtime.js';
import { DamagedDataDirError, DataDirInUseError, withLocalStore } from '../../infra/local/data-dir.js';
import { readLocalStackInfo } from '../../infra/local/stack-info.js';
import { createGridStore } from '../../shared/adapters/aws/grid-store.js';
import { parseCommandArgs, UsageError } from '../args.js';
import { describeWeek, parseWeekOption } from '../week.js';
import { londonDateTime } from '../../shared/deliver/render/time.js';
import { DEFAULT_CONFIG, DEFAULT_DATA_DIR, DEMO_CONFIG, loadConfig } from '../local.js';

const options = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  demo: { type: 'boolean', default: false },
  week: { type: 'string' },
  replan: { type: 'boolean', default: false },
  export: { type: 'string' },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `despatch grid [--week next|this|DATE|2026-W49] [--replan] [--config FILE] [--data-dir DIR] [--demo] [--json] [--export csv|xlsx|ics --out FILE]
  Prints the week's social media grid as planned (default: next week). A week never planned is
  planned first, from the items in the data dir; printing again shows the same plan.
  --week next, this, any date in the week (2026-12-07), or a week number (2026-W49).
  --replan plans the week again from the latest stories (posts someone edited or approved are kept).
  --json prints the planned week as JSON: slots (channel, time, status, hook kind, source items, draft
  text, checks), talking points, empty slots, what was left out and why.
  --export writes the week as planned: csv or xlsx, one row per
  post; ics, the approved posts as calendar events. While "despatch start" runs on the same data dir,
  the week is shown (and exported) as stored, not planned again.`;

/** `despatch start` runs on the data dir and the week was never planned: this command only reads then. */
export class NotPlannedWhileRunningError extends Error {
  override readonly name = 'NotPlannedWhileRunningError';
  constructor(readonly week: string) {
    super(
      `The week of ${describeWeek(week)} has not been planned yet, and "despatch start" is running on this data dir, so this command only reads it. The running Despatch plans next week on its schedule; to plan now, stop it and run this again, or plan from the review page.`,
    );
  }
}

export interface GridOptions {
  config: Config;
  dataDir: string;
  week: string;
  /** Plan the week again even though it was planned before (the CLI's --replan). */
  replan?: boolean;
  export?: { format: (typeof exportFormats)[number]; out: string };
  now?: Date;
}

/** Loads the week (planning it first if it never was, or if asked to re-plan) and returns what to print. */
export async function runGrid(o: GridOptions): Promise<{ text: string; grid: GridWeek }> {
  if (!o.config.grid) throw new GridNotConfiguredError();
  // With `despatch start` running on the data dir, the week as stored is read through its endpoint
  // and shown (and exported) without planning it again: a read needs no stop.
  if (readLocalStackInfo(o.dataDir)) return showStoredWeek(o);
  // Imported here, after the log level is set: the handlers' logger reads it when first loaded.
  const { LocalStack } = await import('../../infra/local/runtime.js');
  const { gridStore } = await import('../../shared/runtime/container.js');
  const stack: LocalStack = await LocalStack.start({ config: o.config, dataDir: o.dataDir });
  try {
    await stack.invoke('planner', { v: 1, week: o.week, ...(o.now ? { now: o.now.toISOString() } : {}), onlyIfNew: !o.replan });
    const grid = await gridStore().getWeek(o.week);
    if (!grid) throw new Error(`the planner stored nothing for ${o.week}`);
    return { text: await withExport(formatGrid(grid, o.config), grid, o), grid };
  } finally {
    await stack.stop();
  }
}

async function showStoredWeek(o: GridOptions): Promise<{ text: string; grid: GridWeek }> {
  const grid = await withLocalStore(o.dataDir, o.config.retention.days, (_store, table) =>
    createGridStore(table.doc, table.tableName, { retentionDays: o.config.retention.days }).getWeek(o.week),
  );
  if (!grid) throw new NotPlannedWhileRunningError(o.week);
  const text = `${formatGrid(grid, o.config)}\n\n(As planned and stored: "despatch start" is running on this data dir, so the week was read, not planned again.)`;
  return { text: await withExport(text, grid, o), grid };
}

async function withExport(text: string, grid: GridWeek, o: GridOptions): Promise<string> {
  if (!o.export) return text;
  const file = await exportGrid(grid, o.export.format, { now: o.now ?? new Date(), councilShort: o.config.council.short });
  writeFileSync(o.export.out, file.body);
  return `${text}\n\nWrote ${o.export.format.toUpperCase()} (${grid.slots.length} rows${o.export.format === 'ics' ? `, ${grid.slots.filter((s) => s.status === 'approved').length} approved posts` : ''}) to ${o.export.out}`;
}

/** The week as text, day by day. */
export function formatGrid(grid: GridWeek, config: Config): string {
  const dates = [...new Set([...grid.slots.map((s) => s.date), ...grid.empty.map((e) => e.date)])].sort();
  // The week as people say it, with its number for the review page's address; the time in London.
  const lines = [
    `Social media grid for ${describeWeek(grid.week)} (week ${grid.week}) — ${config.council.name}`,
    `Planned ${londonDateTime(new Date(grid.plannedAt))} (London time)`,
  ];
  for (const note of grid.notes) lines.push(`Note: ${note}`);
  // "This year" is the planning run's: a week across New Year shows the year on the next year's days.
  const today = londonDate(new Date(grid.plannedAt));
  for (const date of dates) {
    lines.push('', shortDateFrom(date, today));
    const cells = [
      ...grid.slots.filter((s) => s.date === date).map((s) => ({ time: s.time, channel: s.channel, slot: s })),
      ...grid.empty.filter((e) => e.date === date).map((e) => ({ time: e.time, channel: e.channel, reason: e.reason })),
    ].sort((a, b) => a.time.localeCompare(b.time) || a.channel.localeCompare(b.channel));
    for (const cell of cells) {
      const channel = CHANNEL_RULES[cell.channel].name.padEnd(9);
      if ('slot' in cell && cell.slot) {
        const s = cell.slot;
        const count = countLength(s.channel, s.text);
        lines.push(`  ${s.time} ${channel} [${s.status}] ${KIND_LABEL[s.hook.kind]}: ${s.hook.title}`);
        for (const line of s.text.split('\n')) lines.push(`        ${line}`);
        lines.push(`        (${count.count}/${count.limit}${count.over ? ' — TOO LONG' : ''})${count.warnings.map((w) => ` ${w}`).join('')}`);
        lines.push(`        Why: ${s.hook.why} ${s.why}`);
        if (s.checks.length > 0) lines.push(`        Checks: ${s.checks.join('; ')}`);
      } else if ('reason' in cell) {
        lines.push(`  ${cell.time} ${channel} (empty) ${cell.reason}`);
      }
    }
  }
  lines.push(
    '',
    `Talking points (${grid.talkingPoints.length} press stor${grid.talkingPoints.length === 1 ? 'y' : 'ies'} for you to choose; not drafted in the Mayor's voice)`,
  );
  for (const t of grid.talkingPoints) lines.push(`  - ${t.title} — ${t.sourceName}: ${t.why}`);
  lines.push('', `Needs a response? (${grid.needsResponse.length} sensitive stor${grid.needsResponse.length === 1 ? 'y' : 'ies'}, never planned as posts)`);
  for (const n of grid.needsResponse) lines.push(`  - ${n.title} — ${n.sourceName}: ${n.reasons.join('; ')}`);
  if (grid.excluded.length > 0) {
    lines.push('', 'Left out, and why:');
    for (const e of grid.excluded)
      lines.push(`  - ${e.title}${e.channel ? ` (${CHANNEL_RULES[e.channel].name}${e.date ? `, ${shortDateFrom(e.date, today)}` : ''})` : ''}: ${e.reason}`);
  }
  return lines.join('\n');
}

/** The planned week as `--json` prints it: what a script or a test needs, in the planner's own words. */
export interface GridJson {
  week: string;
  plannedAt: string;
  slots: {
    id: string;
    date: string;
    time: string;
    channel: string;
    status: string;
    hook: { id: string; kind: string; title: string; priority: string | null; why: string };
    items: { id: string; title: string; sourceName: string; publishedAt: string; link: string }[];
    text: string;
    length: { count: number; limit: number; over: boolean };
    checks: string[];
    why: string;
  }[];
  talkingPoints: GridWeek['talkingPoints'];
  empty: GridWeek['empty'];
  excluded: GridWeek['excluded'];
  needsResponse: GridWeek['needsResponse'];
  notes: string[];
}

export function gridJson(grid: GridWeek): GridJson {
  return {
    week: grid.week,
    plannedAt: grid.plannedAt,
    slots: grid.slots.map((s) => {
      const length = countLength(s.channel, s.text);
      return {
        id: s.id,
        date: s.date,
        time: s.time,
        channel: s.channel,
        status: s.status,
        hook: { id: s.hook.id, kind: s.hook.kind, title: s.hook.title, priority: s.hook.priorityName ?? null, why: s.hook.why },
        items: s.hook.items.map((i) => ({ id: i.id, title: i.title, sourceName: i.sourceName, publishedAt: i.publishedAt, link: i.link })),
        text: s.text,
        length: { count: length.count, limit: length.limit, over: length.over },
        checks: s.checks,
        why: s.why,
      };
    }),
    talkingPoints: grid.talkingPoints,
    empty: grid.empty,
    excluded: grid.excluded,
    needsResponse: grid.needsResponse,
    notes: grid.notes,
  };
}

export async function gridCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, options, 'despatch grid');
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  process.env.POWERTOOLS_LOG_LEVEL ??= values.verbose ? 'INFO' : 'CRITICAL';
  // The planner's metrics would be written to stdout as CloudWatch EMF lines, which mean nothing on a
  // laptop: set before the functions' container loads (it reads this once), so stdout is the grid
  // and, with --json, nothing else.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const week = parseWeekOption(values.week, new Date());
  let exportOption: GridOptions['export'];
  if (values.export !== undefined || values.out !== undefined) {
    const format = z.enum(exportFormats).safeParse(values.export);
    if (!format.success) throw new UsageError(`--export must be one of ${exportFormats.join(', ')}`);
    if (!values.out) throw new UsageError('--export needs --out FILE');
    exportOption = { format: format.data, out: resolve(values.out) };
  }
  const config = loadConfig(values.config ?? (values.demo ? DEMO_CONFIG : DEFAULT_CONFIG));
  const dataDir = resolve(values['data-dir'] ?? (values.demo ? `${DEFAULT_DATA_DIR}/demo` : DEFAULT_DATA_DIR));
  try {
    const { text, grid } = await runGrid({ config, dataDir, week, replan: values.replan, ...(exportOption ? { export: exportOption } : {}) });
    console.log(values.json ? JSON.stringify(gridJson(grid), null, 2) : text);
    return 0;
  } catch (error) {
    if (
      error instanceof DataDirInUseError ||
      error instanceof DamagedDataDirError ||
      error instanceof NotPlannedWhileRunningError ||
      error instanceof GridNotConfiguredError
    ) {
      console.error(error.message);
      return error instanceof GridNotConfiguredError ? 2 : 1;
    }
    throw error;
  }
}
