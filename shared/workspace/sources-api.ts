/**
 * GET /api/sources, POST /api/sources/ID/retry: the health table `despatch sources` prints (the same
 * domain functions), and "retry now", which clears a source's back-off so the next poll fetches it.
 */
import type { SourceStateLister, SourceStateStore } from '../ingest/ports.js';
import { sourceHealthRows, sourceNotes, type SourceHealthConfig } from '../ingest/poller/source-health.js';
import { NotFoundError } from '../grid/errors.js';
import type { SourcesView } from './views.js';

export interface SourcesDeps {
  readonly config: SourceHealthConfig;
  readonly sources: SourceStateLister & SourceStateStore;
  readonly now: () => Date;
}

export async function sourcesView(deps: SourcesDeps): Promise<SourcesView> {
  const now = deps.now();
  const states = await deps.sources.listSourceStates();
  const byId = new Map(states.map((s) => [s.sourceId, s]));
  const names = new Map(deps.config.sources.map((s) => [s.id, s.name]));
  const rows = sourceHealthRows(deps.config, states, now).map((r) => {
    const notBefore = byId.get(r.source)?.notBefore;
    return { id: r.source, name: names.get(r.source) ?? r.source, ...r, waiting: notBefore !== undefined && Date.parse(notBefore) > now.getTime() };
  });
  const failing = states.filter((s) => s.consecutiveFailures > 0 && names.has(s.sourceId)).length;
  const waiting = rows.filter((r) => r.waiting).length;
  return {
    rows: rows.map(({ source: _source, ...r }) => r),
    notes: sourceNotes(deps.config, states, now),
    summary: `${deps.config.sources.length} sources: ${failing} failing, ${waiting} waiting before the next attempt.`,
  };
}

/** Clears the back-off (notBefore) so the next scheduled poll tries the source; its failure count stays, as the history it is. */
export async function retrySource(id: string, deps: SourcesDeps): Promise<SourcesView> {
  if (!deps.config.sources.some((s) => s.id === id)) throw new NotFoundError('No source with that id is configured.');
  const state = await deps.sources.getSourceState(id);
  if (state?.notBefore) {
    const { notBefore: _n, notBeforeReason: _r, ...rest } = state;
    await deps.sources.putSourceState(rest);
  }
  return sourcesView(deps);
}
