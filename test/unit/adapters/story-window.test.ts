/**
 * The container's copy of the story window: a day is read whole once, then only from the newest
 * start seen (less a second for writes still landing), and days that can no longer get new stories
 * are not read again.
 */
import { describe, expect, it } from 'vitest';
import { StoryWindow, type StoryRows } from '../../../shared/adapters/aws/story-window.js';
import { startedBy, type StoryRecord } from '../../../shared/classify/stories/story.js';

function story(id: string, version = 1): StoryRecord {
  const at = '2026-12-07T10:00:00.000Z';
  return {
    id,
    firstSeenAt: at,
    lastSeenAt: at,
    createdAt: at,
    size: 1,
    members: [id.slice(-4)],
    outlets: [],
    signatures: [],
    priorities: [],
    level: 'none',
    score: 0,
    alerted: { level: 'none', spread: 0 },
    alerts: [],
    version,
  };
}

class FakeRows implements StoryRows {
  readonly rows = new Map<string, StoryRecord[]>();
  readonly reads: { day: string; fromId?: string | undefined }[] = [];
  async read(day: string, fromId?: string): Promise<StoryRecord[]> {
    this.reads.push({ day, fromId });
    return (this.rows.get(day) ?? []).filter((s) => !fromId || s.id >= fromId);
  }
  add(day: string, s: StoryRecord): void {
    this.rows.set(day, [...(this.rows.get(day) ?? []).filter((x) => x.id !== s.id), s]);
  }
}

describe('StoryWindow', () => {
  it('reads a day whole once, then only what was started since the newest start it saw, less a second', async () => {
    const rows = new FakeRows();
    rows.add('2026-12-07', story('20261207T100000000-aaaa'));
    rows.add('2026-12-07', story('20261207-old0'));
    let now = Date.parse('2026-12-07T10:00:05Z');
    const window = new StoryWindow(rows, () => now);
    expect((await window.stories(['2026-12-07'])).map((s) => s.id).sort()).toEqual(['20261207-old0', '20261207T100000000-aaaa']);
    rows.add('2026-12-07', story('20261207T100004000-bbbb'));
    now += 2_000;
    const ids = (await window.stories(['2026-12-07'])).map((s) => s.id);
    expect(ids).toContain('20261207T100004000-bbbb');
    expect(rows.reads.at(-1)).toEqual({ day: '2026-12-07', fromId: '20261207T095959000' });
  });

  it("serves items within a second of a look from the copy, with this container's own writes in it", async () => {
    const rows = new FakeRows();
    const now = Date.parse('2026-12-07T10:00:05Z');
    const window = new StoryWindow(rows, () => now);
    await window.stories(['2026-12-07']);
    window.hold(story('20261207T100005000-cccc'), '2026-12-07');
    rows.add('2026-12-07', story('20261207T100005001-dddd'));
    const ids = (await window.stories(['2026-12-07'])).map((s) => s.id);
    expect(ids).toEqual(['20261207T100005000-cccc']);
    expect(rows.reads).toHaveLength(1);
  });

  it('keeps the newer of its own copy and a row read, and does not read past days again', async () => {
    const rows = new FakeRows();
    rows.add('2026-12-05', story('20261205T100000000-eeee'));
    rows.add('2026-12-07', story('20261207T100000000-ffff'));
    let now = Date.parse('2026-12-07T10:00:05Z');
    const window = new StoryWindow(rows, () => now);
    await window.stories(['2026-12-05', '2026-12-06', '2026-12-07']);
    window.hold(story('20261207T100000000-ffff', 3), '2026-12-07');
    now += 5_000;
    const held = await window.stories(['2026-12-05', '2026-12-06', '2026-12-07']);
    expect(held.find((s) => s.id === '20261207T100000000-ffff')?.version).toBe(3);
    expect(rows.reads.filter((r) => r.day === '2026-12-05')).toHaveLength(1);
    expect(rows.reads.filter((r) => r.day === '2026-12-07')).toHaveLength(2);
  });
});

describe('startedBy', () => {
  it('knows the starting item in both id forms, and nothing else', () => {
    expect(startedBy('20261207T100000000-abc', 'abc')).toBe(true);
    expect(startedBy('20261207-abc', 'abc')).toBe(true);
    expect(startedBy('20261207T100000000-xabc', 'abc')).toBe(false);
    expect(startedBy('20261207T100000000-abc', 'bc')).toBe(false);
  });
});
