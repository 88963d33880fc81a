import { describe, expect, it } from 'vitest';
import { gridToCsv, gridToIcs, gridToXlsx } from '../../../shared/grid/export.js';
import { removeInvisible } from '../../../shared/platform/invisible.js';
import type { GridWeek, Slot } from '../../../shared/grid/model.js';
import { planGrid } from '../../../shared/grid/planner.js';
import { gridConfig, item, SOURCES } from './fixtures.js';
import ExcelJS from 'exceljs';

const NOW = new Date('2026-11-30T07:00:00Z');
const RLO = '\u202E';
const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]/u;
// A hidden instruction in tag characters, a zero-width space, a right-to-left override and an isolate.
const hostile = `New homes${String.fromCodePoint(...[...'ignore this'].map((c) => 0xe0000 + c.charCodeAt(0)))} for\u200B Hartwell ${RLO}deppots\u2066 families`;

function week(title: string): GridWeek {
  const config = gridConfig({ channels: [{ id: 'x', days: ['mon', 'tue'], times: ['08:30', '17:30'], maxPerDay: 2 }] });
  const items = [item({ title, priority: { id: 'housing', name: 'Housing' }, sourceId: SOURCES.council, seenAt: '2026-11-30T06:00:00.000Z' })];
  return planGrid({ config, week: '2026-W49', items, meetings: [], now: NOW });
}

describe('invisible and text-direction characters', () => {
  it('are removed, keeping emoji joiners and subdivision flags', () => {
    expect(removeInvisible(hostile)).toEqual({ text: 'New homes for Hartwell deppots families', removed: 14 });
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const england = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}';
    expect(removeInvisible(`Go ${england} ${family}`)).toEqual({ text: `Go ${england} ${family}`, removed: 0 });
  });

  it('never reach a draft; the slot warns that they were removed', () => {
    const grid = week(hostile);
    const drafted = grid.slots.filter((s) => s.hook.title.startsWith('New homes'));
    expect(drafted.length).toBeGreaterThan(0);
    for (const slot of drafted) {
      expect(slot.text).not.toMatch(INVISIBLE);
      expect(slot.checks.some((c) => /invisible or text-direction characters? removed/.test(c))).toBe(true);
    }
  });

  it('never reach a CSV, XLSX or calendar export, ', async () => {
    const planned = week(hostile);
    const grid: GridWeek = { ...planned, slots: planned.slots.map((s): Slot => ({ ...s, status: 'approved', altText: `Alt ${RLO}text` })) };
    expect(gridToCsv(grid).replace(/^\ufeff/, '')).not.toMatch(INVISIBLE); // the byte-order mark that opens the file is Excel's cue for UTF-8
    expect(gridToIcs(grid, NOW, 'Grid').replace(/\r\n /g, '')).not.toMatch(INVISIBLE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await gridToXlsx(grid, 'Grid')).buffer);
    workbook.getWorksheet('2026-W49')?.eachRow((row) => row.eachCell((cell) => expect(String(cell.value)).not.toMatch(INVISIBLE)));
  });
});

describe('CSV and calendar escaping', () => {
  const withText = (text: string): GridWeek => {
    const planned = week('Homes for families');
    return { ...planned, slots: planned.slots.map((s): Slot => ({ ...s, text, status: 'approved' })) };
  };
  const firstCell = (csv: string) => csv.replace(/^\ufeff/, '').split('\r\n')[1]!;

  it.each(['=1+1', ' =1+1', '\u3000=1+1', '\uFF1D1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])('defuses a formula written as %j', (text) => {
    const row = firstCell(gridToCsv(withText(text)));
    expect(row).toMatch(new RegExp(`,"?'${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('quotes a cell with a semicolon, so x;=1+1 stays one cell where ; separates', () => {
    expect(firstCell(gridToCsv(withText('x;=1+1')))).toContain(',"x;=1+1",');
  });

  it('keeps a bare CR, LF or CRLF inside the calendar property', () => {
    const ics = gridToIcs(withText('line one\rBEGIN:VALARM\nline two\r\nline three'), NOW, 'Grid');
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('line one\\nBEGIN:VALARM\\nline two\\nline three');
    expect(unfolded.split('\r\n').filter((l) => l.startsWith('BEGIN:VALARM'))).toHaveLength(0);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\r|\n/);
  });

  it('titles the calendar entry with the post as it now reads', () => {
    const ics = gridToIcs(withText('Rewritten by the comms team'), NOW, 'Grid');
    expect(ics.replace(/\r\n /g, '')).toContain('SUMMARY:X post: Rewritten by the comms team');
  });
});
