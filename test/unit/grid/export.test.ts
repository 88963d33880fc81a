import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, gridToCsv, gridToIcs, gridToXlsx } from '../../../shared/grid/export.js';
import type { GridWeek, Slot } from '../../../shared/grid/model.js';
import { planGrid } from '../../../shared/grid/planner.js';
import { gridConfig, item, SOURCES } from './fixtures.js';

const NOW = new Date('2026-11-30T07:00:00Z'); // the Monday: news is drafted within 3 days of publication

function plannedWeek(): GridWeek {
  const config = gridConfig({
    channels: [
      { id: 'x', days: ['mon', 'tue'], times: ['08:30', '17:30'], maxPerDay: 2 },
      { id: 'instagram', days: ['tue'], times: ['12:00'] },
    ],
  });
  const items = [
    item({
      title: '=HYPERLINK("http://evil.example","click") homes, "approved"',
      priority: { id: 'housing', name: 'Housing' },
      sourceId: SOURCES.council,
      seenAt: '2026-11-30T06:00:00.000Z',
    }),
  ];
  return planGrid({ config, week: '2026-W49', items, meetings: [], now: NOW });
}

function approve(grid: GridWeek, id: string, altText = ''): GridWeek {
  return { ...grid, slots: grid.slots.map((s): Slot => (s.id === id ? { ...s, status: 'approved', altText } : s)) };
}

describe('grid exports', () => {
  it('writes CSV with one row per post, the columns a comms team keeps, and formulas defused', () => {
    // Prepare: someone typed a post that starts like a formula.
    const planned = plannedWeek();
    const grid = { ...planned, slots: planned.slots.map((s, i) => (i === 0 ? { ...s, text: '=1+1 new homes' } : s)) };
    // Act
    const csv = gridToCsv(grid);
    // Assess
    const lines = csv
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(lines).toHaveLength(grid.slots.length + 1);
    expect(lines[1]).toContain(",'=1+1 new homes,");
    expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
    expect(csv).toContain(
      `,"recent: published today; not sensitive at any level (watch included); no tragedy terms; no criticism of the council, the Mayor or the cabinet; from the council's own source (Hartwell Council press office)"\r\n`,
    );
    expect(csv).toContain('"priority story: =HYPERLINK(""http://evil.example"",""click"") homes, ""approved"""');
  });

  it('writes XLSX that reads back with every post', async () => {
    // Prepare
    const grid = plannedWeek();
    // Act
    const buffer = await gridToXlsx(grid, 'Hartwell grid');
    // Assess
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(buffer).buffer);
    const sheet = workbook.getWorksheet('2026-W49');
    expect(sheet?.getRow(1).values).toEqual([undefined, ...EXPORT_COLUMNS]);
    expect(sheet?.rowCount).toBe(grid.slots.length + 1);
    const first = grid.slots[0]!;
    expect(sheet?.getRow(2).getCell(4).value).toBe(first.text);
    expect(typeof sheet?.getRow(2).getCell(5).value).toBe('string');
  });

  it('puts only approved posts in the calendar, at their London time, folded and escaped', () => {
    // Prepare: 30 Nov 08:30 London is 08:30 UTC (winter).
    const grid = approve(plannedWeek(), '2026-11-30_0830_x', 'A photo; of homes, new');
    // Act
    const ics = gridToIcs(grid, NOW, 'Grid');
    // Assess
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain('DTSTART:20261130T083000Z');
    expect(ics.replace(/\r\n /g, '')).toContain('Alt text: A photo\\; of homes\\, new');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});
