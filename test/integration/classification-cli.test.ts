/**
 * The query tools as the political assistant runs them: `despatch match` on one headline, and the
 * rule lab (`despatch rules test`) on a labelled file, each as a child process with its exit code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { despatch as runDespatch } from '../support/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/config.js';

const root = new URL('../../', import.meta.url).pathname;

const despatch = (args: string[]) => runDespatch(args, { cwd: root });

describe('despatch match', () => {
  it('exits 0 and shows the matched words in place when the query matches', async () => {
    const { code, stdout } = await despatch([
      'match',
      '--query',
      '"temporary accommodation" OR homeless*',
      '--title',
      'Homelessness rises',
      '--text',
      'More families in temporary accommodation.',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('title  "Homelessness"  (characters 1–12)');
    expect(stdout).toContain('Text:  More families in [temporary accommodation].');
  });

  it('exits 1 when the query does not match', async () => {
    const { code, stdout } = await despatch(['match', '--query', 'mayor NEAR/2 resign*', '--title', 'The Mayor will not, whatever happens, resign']);
    expect(code).toBe(1);
    expect(stdout).toContain('No match');
  });

  it('exits 2 with the mistake, its column and a caret under it', async () => {
    const { code, stderr } = await despatch(['match', '--query', 'housing AND (rent OR repairs', '--title', 'x']);
    expect(code).toBe(2);
    expect(stderr).toContain('The query has a mistake: unbalanced parenthesis at column 13\n  housing AND (rent OR repairs\n              ^');
  });

  it('answers in JSON, with source: and site: looking at --source and --link', async () => {
    const { code, stdout } = await despatch([
      'match',
      '--json',
      '--query',
      'site:bbc.co.uk AND source:bbc-london AND mayor',
      '--title',
      'Mayor named',
      '--source',
      'bbc-london',
      '--link',
      'https://www.bbc.co.uk/news/x',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      query: 'site:bbc.co.uk AND source:bbc-london AND mayor',
      matches: true,
      spans: [{ field: 'title', start: 0, end: 5, text: 'Mayor' }],
    });
  });
});

describe('despatch rules test (the rule lab)', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'despatch-lab-'));
    writeFileSync(join(dir, 'despatch.yaml'), stringify(testConfig([{ id: 'gazette', url: 'https://gazette.example/feed' }])));
    const labels = [
      { title: '240 council homes approved for Riverside', priorities: ['housing'], sensitivity: 'none' },
      { title: 'Homeless families moved to hotels', priorities: ['housing'] },
      { title: 'Families in B&Bs wait years for a home', priorities: ['housing'], sensitivity: 'none' },
      { title: 'TfL confirms bus route 12 changes', priorities: ['transport'] },
      { title: 'Homeless charity runs the marathon', priorities: [] },
      { title: 'Hartwell Mayor faces calls to resign', source: 'gazette', priorities: [], sensitivity: 'high' },
      { title: 'Hartwell Council criticised over bins', priorities: [], sensitivity: 'high' },
    ];
    writeFileSync(join(dir, 'labels.jsonl'), `${labels.map((l) => JSON.stringify(l)).join('\n')}\n`);
    writeFileSync(join(dir, 'bad.jsonl'), '{"title": "ok", "priorities": ["housing"]}\n{"title": 3}\nnot json\n{"title": "x", "priorities": ["housng"]}\n');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints precision and recall per priority, with the misses, false alarms and wrong levels', async () => {
    // Act
    const { code, stdout, stderr } = await despatch(['rules', 'test', '--config', join(dir, 'despatch.yaml'), '--labels', join(dir, 'labels.jsonl')]);
    // Assess
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/Housing\s+67%\s+67%\s+3\s+3/);
    expect(stdout).toMatch(/Transport\s+100%\s+100%\s+1\s+1/);
    expect(stdout).toContain('Housing: line 3: Families in B&Bs wait years for a home');
    expect(stdout).toContain('Housing: line 5: Homeless charity runs the marathon (matched "Homeless")');
    expect(stdout).toContain('Sensitivity: 3 of 4 labelled items at the expected level');
    expect(stdout).toContain('alerts (high and above): precision 100%, recall 50%');
    expect(stdout).toContain('line 7: expected high, rated watch: Hartwell Council criticised over bins');
    expect(stdout).toContain('Score 1 (Council 1 × trigger 1): watch (from 1)');
  });

  it('runs on the shipped Lewisham example and says what to tune', async () => {
    const { code, stdout } = await despatch(['rules', 'test', '--config', 'config/example.yaml', '--labels', 'config/labels/example.jsonl', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      items: number;
      priorities: { id: string; precision: number; recall: number; falseAlarms: { line: number; matched: string[] }[] }[];
    };
    expect(report.items).toBeGreaterThanOrEqual(40);
    const young = report.priorities.find((p) => p.id === 'young-people');
    // SEND (special educational needs) also matches the verb "send": the lab shows it.
    expect(young?.falseAlarms).toEqual([expect.objectContaining({ matched: ['send'] })]);
  });

  it('exits 2 naming each bad line of the labels file', async () => {
    const { code, stderr } = await despatch(['rules', 'test', '--config', join(dir, 'despatch.yaml'), '--labels', join(dir, 'bad.jsonl')]);
    expect(code).toBe(2);
    expect(stderr).toContain('bad.jsonl:2: title:');
    expect(stderr).toContain('bad.jsonl:3: not a JSON object');
    expect(stderr).toContain('bad.jsonl:4: priorities: "housng" is not a priority in the configuration (housing, transport)');
  });
});
