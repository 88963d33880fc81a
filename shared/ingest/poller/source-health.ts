/**
 * Source health as the office sees it: which sources have been failing for longer than they should
 * (for the morning briefing), and one row per source for `despatch sources`.
 */
import type { Config } from '../../platform/config/schema.js';

/** What the health table reads of the configuration: the sources and their groups (the review API carries only this much). */
export type SourceHealthConfig = {
  readonly sources: readonly Pick<Config['sources'][number], 'id' | 'name' | 'group' | 'kind'>[];
  readonly groups: Config['groups'];
};
import type { SourceState } from '../ports.js';
import { londonTimeText } from './politeness.js';

export interface FailingSource {
  sourceId: string;
  /** When the current run of failures began. */
  failingSince: string;
  consecutiveFailures: number;
  /** The latest failure's reason, in plain words. */
  reason: string;
  /** Whole hours failing, rounded down. */
  hours: number;
}

/**
 * Sources whose current run of failures began at least `thresholdHours` ago (the briefing's
 * `failingSourceHours`), longest-failing first. A source that failed once and recovered is not
 * listed; neither is one that has only just started failing.
 */
export function failingSources(states: readonly SourceState[], now: Date, thresholdHours: number): FailingSource[] {
  const cutoff = now.getTime() - thresholdHours * 3_600_000;
  return states
    .filter((s) => s.consecutiveFailures > 0)
    .map((s) => ({ state: s, since: s.failingSince ?? s.lastError?.at }))
    .filter((x): x is { state: SourceState; since: string } => x.since !== undefined && Date.parse(x.since) <= cutoff)
    .sort((a, b) => Date.parse(a.since) - Date.parse(b.since) || a.state.sourceId.localeCompare(b.state.sourceId))
    .map(({ state, since }) => ({
      sourceId: state.sourceId,
      failingSince: since,
      consecutiveFailures: state.consecutiveFailures,
      reason: state.lastError?.reason ?? 'unknown error',
      hours: Math.floor((now.getTime() - Date.parse(since)) / 3_600_000),
    }));
}

export interface SourceHealthRow {
  source: string;
  group: string;
  kind: string;
  lastSuccess: string;
  lastError: string;
  failures: string;
  nextAttempt: string;
}

/**
 * One row per configured source (in configuration order), then any state left by a source no
 * longer in the configuration. Times on London's clock.
 */
export function sourceHealthRows(config: SourceHealthConfig, states: readonly SourceState[], now: Date): SourceHealthRow[] {
  const byId = new Map(states.map((s) => [s.sourceId, s]));
  const rows = config.sources.map((source) => {
    const state = byId.get(source.id);
    const every = config.groups.find((g) => g.id === source.group)?.every;
    return row(source.id, source.group, source.kind, state, now, every);
  });
  const configured = new Set(config.sources.map((s) => s.id));
  for (const state of states) {
    if (!configured.has(state.sourceId)) rows.push(row(state.sourceId, '-', '(not in the configuration)', state, now, undefined));
  }
  return rows;
}

function row(source: string, group: string, kind: string, state: SourceState | undefined, now: Date, every: string | undefined): SourceHealthRow {
  if (!state) return { source, group, kind, lastSuccess: 'never polled', lastError: '', failures: '0', nextAttempt: every ? `next poll (every ${every})` : '' };
  const waiting = state.notBefore && Date.parse(state.notBefore) > now.getTime() ? state.notBefore : undefined;
  return {
    source,
    group,
    kind,
    lastSuccess: state.lastSuccessAt ? londonTimeText(state.lastSuccessAt, now) : 'never',
    lastError: state.lastError ? `${londonTimeText(state.lastError.at, now)}: ${state.lastError.reason}` : '',
    failures: String(state.consecutiveFailures),
    nextAttempt: waiting ? `after ${londonTimeText(waiting, now)} (${state.notBeforeReason ?? 'waiting'})` : every ? `next poll (every ${every})` : 'next poll',
  };
}

/**
 * What the table has no room for: each source's latest warning (items kept, but something was
 * worked around) and the items the queue refused, one line each, in configuration order.
 */
export function sourceNotes(config: SourceHealthConfig, states: readonly SourceState[], now: Date = new Date()): string[] {
  const order = new Map(config.sources.map((s, i) => [s.id, i]));
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...states]
    .sort((a, b) => rank(a.sourceId) - rank(b.sourceId))
    .flatMap((state) => [
      ...(state.warning ? [`${state.sourceId}: warning ${londonTimeText(state.warning.at, now)}: ${state.warning.reason}`] : []),
      ...(state.refused ?? []).map((r) => `${state.sourceId}: refused ${londonTimeText(r.at, now)}: "${r.title}" (item ${r.itemId}): ${r.reason}`),
    ]);
}

/**
 * For each source whose latest polls found items too old to be news, the poll that last did: how
 * many and why, one line each, in configuration order. They were marked seen and never queued.
 * Also a line for a source whose latest poll deferred new items over its per-poll cap.
 */
export function sourceSkips(config: SourceHealthConfig, states: readonly SourceState[], now: Date = new Date()): string[] {
  const order = new Map(config.sources.map((s, i) => [s.id, i]));
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...states]
    .sort((a, b) => rank(a.sourceId) - rank(b.sourceId))
    .flatMap((state) => [
      ...(state.tooOld ? [`${state.sourceId}: ${state.tooOld.count} ${state.tooOld.reason}, skipped (${londonTimeText(state.tooOld.at, now)})`] : []),
      ...(state.deferred
        ? [
            `${state.sourceId}: ${state.deferred.count} new items over the cap of ${state.deferred.cap} per poll, deferred to the next poll (${londonTimeText(state.deferred.at, now)})`,
          ]
        : []),
    ]);
}

/** A plain-text table, columns padded; the last column (the error) is left to run on. */
export function formatHealthTable(rows: readonly SourceHealthRow[]): string {
  const headers: SourceHealthRow = {
    source: 'SOURCE',
    group: 'GROUP',
    kind: 'KIND',
    lastSuccess: 'LAST SUCCESS',
    failures: 'FAILURES',
    nextAttempt: 'NEXT ATTEMPT',
    lastError: 'LAST ERROR',
  };
  const columns: (keyof SourceHealthRow)[] = ['source', 'group', 'kind', 'lastSuccess', 'failures', 'nextAttempt', 'lastError'];
  const all = [headers, ...rows];
  const widths = columns.map((c) => Math.max(...all.map((r) => r[c].length)));
  return all
    .map((r) =>
      columns
        .map((c, i) => (i === columns.length - 1 ? r[c] : r[c].padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
