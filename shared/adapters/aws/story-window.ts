/**
 * A container's copy of the stories in the 48-hour window, so finding an item's story costs a
 * read of what was written since the container last looked, not of the whole window (12.6 read
 * units an item at 6,000 items in the window, 7,200 at 60,000, before it).
 *
 * Story ids start with the time the story was started (story.ts), so a day partition's rows are in
 * the order they were written: a day is read whole once, then only from the newest start seen,
 * less SETTLE_MS for writes of other containers still on their way when it was read. A partition
 * gets new rows only while its day is today (ids take the writer's clock), so older days are not
 * read again. Changes to stories already held (another container's join) are not re-read: every
 * story write is conditional on the version, so a stale copy costs a conflict, after which the
 * writer reads that one story again (refreshStory) and retries.
 *
 * Between two looks (at most LOOK_MS apart while items keep coming) this container sees its own
 * writes at once and other containers' writes at the next look.
 */
import type { StoryRecord } from '../../classify/stories/story.js';

/** Writes of other containers slower than this between taking their start time and landing are missed. */
const SETTLE_MS = 1_000;
/** How long a look serves the items that come after it. */
const LOOK_MS = 1_000;
/** Ids of the written-in-order form: yyyymmddThhmmssmmm-<item>. */
const ORDERED_ID = /^(\d{8})T(\d{9})-/;

export interface StoryRows {
  /** The day partition's stories (yyyy-mm-dd), all of them or those whose id sorts at or after `fromId`. */
  read(day: string, fromId?: string): Promise<StoryRecord[]>;
}

interface Day {
  readonly stories: Map<string, StoryRecord>;
  /** The newest ordered id read from the partition (not this container's own writes: those may land early). */
  newest?: string | undefined;
  lookedAt: number;
}

export class StoryWindow {
  private readonly days = new Map<string, Day>();

  constructor(
    private readonly rows: StoryRows,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The stories held for these days, after reading what is new in them. */
  async stories(days: readonly string[]): Promise<StoryRecord[]> {
    const now = this.clock();
    // Days before the window of the item asked about are not asked about again.
    const first = days[0];
    if (first) for (const day of this.days.keys()) if (day < first) this.days.delete(day);
    const out: StoryRecord[] = [];
    for (const day of days) {
      const held = await this.look(day, now);
      out.push(...held.stories.values());
    }
    return out;
  }

  /** A story as just written or read: this container's copy of it is that. */
  hold(story: StoryRecord, day: string): void {
    const held = this.days.get(day);
    if (held) held.stories.set(story.id, story);
  }

  private async look(day: string, now: number): Promise<Day> {
    const held = this.days.get(day);
    if (!held) {
      const stories = await this.rows.read(day);
      const fresh: Day = { stories: new Map(stories.map((s) => [s.id, s])), newest: newestOrdered(stories), lookedAt: now };
      this.days.set(day, fresh);
      return fresh;
    }
    if (now - held.lookedAt < LOOK_MS || !writable(day, now)) return held;
    held.lookedAt = now;
    const from = held.newest ? settleBefore(held.newest) : `${day.replace(/-/g, '')}T`;
    const stories = await this.rows.read(day, from);
    for (const story of stories) {
      const mine = held.stories.get(story.id);
      // A copy this container wrote since may be newer than the row read.
      if (!mine || mine.version <= story.version) held.stories.set(story.id, story);
    }
    const newest = newestOrdered(stories);
    if (newest && (!held.newest || newest > held.newest)) held.newest = newest;
    return held;
  }
}

/** Whether stories can still be started in the day's partition: ids take the writer's clock. */
function writable(day: string, now: number): boolean {
  return day >= new Date(now - SETTLE_MS - LOOK_MS).toISOString().slice(0, 10);
}

function newestOrdered(stories: readonly StoryRecord[]): string | undefined {
  let newest: string | undefined;
  for (const s of stories) if (ORDERED_ID.test(s.id) && (!newest || s.id > newest)) newest = s.id;
  return newest;
}

/** The ordered id SETTLE_MS before this one's time (same day; the day's start at the earliest). */
function settleBefore(id: string): string {
  const m = ORDERED_ID.exec(id);
  if (!m) return id;
  const [, ymd = '', hms = ''] = m;
  const ms = Number(hms.slice(0, 2)) * 3_600_000 + Number(hms.slice(2, 4)) * 60_000 + Number(hms.slice(4, 6)) * 1000 + Number(hms.slice(6, 9));
  const t = Math.max(0, ms - SETTLE_MS);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${ymd}T${pad(Math.floor(t / 3_600_000), 2)}${pad(Math.floor(t / 60_000) % 60, 2)}${pad(Math.floor(t / 1000) % 60, 2)}${pad(t % 1000, 3)}`;
}
