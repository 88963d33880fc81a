/** `despatch rules label` turns a spreadsheet of headlines marked by hand into the file the rule lab reads. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { despatch } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'despatch-rules-label-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = new URL('../../config/example.yaml', import.meta.url).pathname;

describe('despatch rules label', () => {
  it('writes the labels file from a CSV of headlines and labels, which rules test then reads', async () => {
    // Prepare: as a spreadsheet saves it (a BOM, CRLF, a quoted headline with a comma and quotes)
    const csv = join(dir, 'headlines.csv');
    writeFileSync(
      csv,
      '\ufeffheadline,label\r\n' +
        '"Council homes, at last: ""96 for social rent""",y\r\n' +
        'Bus route 12 to be cut,Transport and streets\r\n' +
        'Mayor urged to resign over housing,y; high\r\n' +
        'Weather: sunny spells,n\r\n',
    );
    const out = join(dir, 'labels.jsonl');
    // Act
    const label = await despatch(['rules', 'label', '--config', config, '--csv', csv, '--priority', 'housing', '--out', out]);
    const lab = await despatch(['rules', 'test', '--config', config, '--labels', out, '--json']);
    // Assess
    expect(label.code, label.stderr).toBe(0);
    expect(label.stdout).toContain(`Wrote 4 labelled headlines to ${out}`);
    expect(
      readFileSync(out, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { title: 'Council homes, at last: "96 for social rent"', priorities: ['housing'] },
      { title: 'Bus route 12 to be cut', priorities: ['transport'] },
      { title: 'Mayor urged to resign over housing', priorities: ['housing'], sensitivity: 'high' },
      { title: 'Weather: sunny spells', priorities: [] },
    ]);
    expect(lab.code, lab.stderr).toBe(0);
  });

  it('names the row and says what a label may be when one is wrong', async () => {
    // Prepare
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'headline,label\nBus route 12 to be cut,maybe\n');
    // Act
    const { code, stderr } = await despatch(['rules', 'label', '--config', config, '--csv', csv, '--out', join(dir, 'x.jsonl')]);
    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain('bad.csv: row 2 ("Bus route 12 to be cut"): "maybe" is not y, n, a priority (Housing, Cost of living');
    expect(stderr).toContain('or a sensitivity level (none, watch, high, critical)');
  });
});
