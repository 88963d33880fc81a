/**
 * The grid as the comms team already keeps it: CSV and XLSX with one row per post (date, time,
 * channel, text, hook, status, alt text), and an iCalendar file of the approved posts for the
 * team's calendar. Headlines come from feeds, so CSV cells that a spreadsheet would run as a
 * formula (= + - @) are defused.
 */
import { removeInvisible } from '../platform/invisible.js';
import { londonDate, londonWallTimeToInstant } from '../platform/time.js';
import { shortDateFrom } from './calendar.js';
import { CHANNEL_RULES } from './counter.js';
import type { GridWeek, Slot } from './model.js';
import { KIND_LABEL } from './planner.js';

export const exportFormats = ['csv', 'xlsx', 'ics'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** "Checks" is what the draft passed before it was proposed (recent, not sensitive, ...), so whoever approves can see it. */
export const EXPORT_COLUMNS = ['Date', 'Time', 'Channel', 'Text', 'Hook', 'Status', 'Alt text', 'Checks'] as const;

const STATUS_LABEL: Readonly<Record<Slot['status'], string>> = {
  draft: 'Draft',
  'in-review': 'In review',
  approved: 'Approved',
  'changes-requested': 'Changes requested',
};

/** The row for a slot, as shown in every export, clean of invisible and text-direction characters. */
export function exportRow(slot: Slot): string[] {
  return rawRow(slot).map((cell) => removeInvisible(cell).text);
}

function rawRow(slot: Slot): string[] {
  return [
    slot.date,
    slot.time,
    CHANNEL_RULES[slot.channel].name,
    slot.text,
    `${KIND_LABEL[slot.hook.kind]}: ${slot.hook.title}`,
    STATUS_LABEL[slot.status],
    slot.altText,
    slot.checks.join('; '),
  ];
}

/**
 * Stops a spreadsheet from treating a cell as a formula (CSV injection): after any leading spaces
 * (Excel skips them), = + - @ and their full-width forms ＝ ＋ － ＠ (which some spreadsheets
 * normalise), tab and CR.
 */
function defuse(cell: string): string {
  return /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/u.test(cell) ? `'${cell}` : cell;
}

/** Quoted whenever it holds a comma, quote, line break or a semicolon (the separator in many European locales, where `x;=1+1` would split into a formula cell). */
export function csvCell(cell: string): string {
  const safe = defuse(cell);
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV (CRLF line ends) with a byte-order mark, so Excel reads the text as UTF-8. */
export function gridToCsv(grid: GridWeek): string {
  const lines = [EXPORT_COLUMNS.join(','), ...grid.slots.map((s) => exportRow(s).map(csvCell).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export async function gridToXlsx(grid: GridWeek, title: string): Promise<Buffer> {
  // Loaded on the XLSX export only: exceljs (with its zip and XML writers) is the largest part of
  // the review API and the rest of its routes never use it, so a cold start does not evaluate it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Despatch';
  workbook.title = title;
  const sheet = workbook.addWorksheet(grid.week, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Date', key: 'date', width: 12 },
    { header: 'Time', key: 'time', width: 7 },
    { header: 'Channel', key: 'channel', width: 11 },
    { header: 'Text', key: 'text', width: 70 },
    { header: 'Hook', key: 'hook', width: 40 },
    { header: 'Status', key: 'status', width: 18 },
    { header: 'Alt text', key: 'alt', width: 40 },
    { header: 'Checks', key: 'checks', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const slot of grid.slots) {
    // Plain strings, never formulas: exceljs writes a string as text whatever it starts with.
    const row = sheet.addRow(exportRow(slot));
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer);
}

/** iCalendar text escaping (RFC 5545 3.3.11). */
function icsText(s: string): string {
  // A bare CR must not end the property either: CRLF, CR and LF all become the escaped newline.
  return removeInvisible(s)
    .text.replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1). */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** The post's first line, cut at a word near 60 characters, for a calendar entry's title. */
function summaryLine(text: string): string {
  const first = (text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '').trim();
  if ([...first].length <= 60) return first;
  const cut = [...first].slice(0, 60).join('');
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40)).trimEnd()}…`;
}

const icsStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** The approved posts as calendar events at their posting time (15 minutes each). */
export function gridToIcs(grid: GridWeek, now: Date, calendarName: string): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Despatch//Social media grid//EN', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${icsText(calendarName)}`];
  for (const slot of grid.slots.filter((s) => s.status === 'approved')) {
    const [y, m, d] = slot.date.split('-').map(Number) as [number, number, number];
    const [hh, mm] = slot.time.split(':').map(Number) as [number, number];
    const start = londonWallTimeToInstant(y, m, d, hh, mm);
    const end = new Date(start.getTime() + 15 * 60_000);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${slot.id}.${grid.week}@despatch`,
      `DTSTAMP:${icsStamp(now)}`,
      `DTSTART:${icsStamp(start)}`,
      `DTEND:${icsStamp(end)}`,
      // The post as it now reads (a reviewer may have rewritten it), not the hook it was first drafted from.
      `SUMMARY:${icsText(`${CHANNEL_RULES[slot.channel].name} post: ${summaryLine(slot.text)}`)}`,
      `DESCRIPTION:${icsText(`${slot.text}${slot.altText ? `\n\nAlt text: ${slot.altText}` : ''}`)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

export interface ExportFile {
  readonly filename: string;
  readonly contentType: string;
  readonly body: Buffer;
}

export async function exportGrid(grid: GridWeek, format: ExportFormat, options: { now: Date; councilShort: string }): Promise<ExportFile> {
  const base = `despatch-grid-${grid.week}`;
  const title = `${options.councilShort} Mayor's social media grid, ${grid.week} (${shortDateFrom(grid.slots[0]?.date ?? '1970-01-01', londonDate(options.now))} on)`;
  switch (format) {
    case 'csv':
      return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(gridToCsv(grid), 'utf8') };
    case 'xlsx':
      return {
        filename: `${base}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: await gridToXlsx(grid, title),
      };
    case 'ics':
      return { filename: `${base}.ics`, contentType: 'text/calendar; charset=utf-8', body: Buffer.from(gridToIcs(grid, options.now, title), 'utf8') };
  }
}
