/**
 * `despatch sources [--config FILE] [--data-dir DIR]`: the health of every source, read from the
 * local store in the data dir (the DynamoDB data `despatch start` and `run --once` keep): last
 * success, last error with its reason, failures in a row, and when the next attempt will be; under
 * the table, each source's warning (a feed read after repair, links left out) and refused items.
 * Opens the store without polling anything.
 */
import type { Config } from '../../shared/platform/config/schema.js';
import { formatHealthTable, sourceHealthRows, sourceNotes, sourceSkips } from '../../shared/ingest/poller/source-health.js';
import { type SourceState } from '../../shared/ingest/ports.js';
import type { Store } from '../../shared/adapters/aws/dynamo-store.js';
import { DamagedDataDirError, DataDirInUseError, withLocalStore } from '../../infra/local/data-dir.js';
import { watchedEntries } from '../../shared/ingest/parliament/api.js';
import { cachedMembers, describeLookups, givenKey, type MemberLookup } from '../../shared/ingest/parliament/members.js';
import { terminalLine } from '../output.js';

export interface SourcesOptions {
  config: Config;
  dataDir: string;
  now?: Date;
}

/** The table as text, with a one-line summary under it. */
export async function runSources(options: SourcesOptions): Promise<string> {
  // Works whether or not "despatch start" runs: through its endpoint if it does.
  const read = await withLocalStore(options.dataDir, options.config.retention.days, async (store) => ({
    states: await readStates(options.config, store),
    members: (await cachedMembers(watchedEntries(options.config), store).catch(() => undefined))?.lookups ?? [],
  }));
  return sourcesReport(options.config, read?.states ?? [], options.now ?? new Date(), options.dataDir, read?.members ?? []);
}

/**
 * What each entry of parliament.members (and of the sources' own members) came to, one line each:
 * the member found, why a name is not watched, or that no poll has looked it up yet.
 */
function watchedMembersReport(config: Config, lookups: readonly MemberLookup[]): string {
  const entries = watchedEntries(config);
  if (entries.length === 0) return '';
  const byKey = new Map(lookups.map((l) => [givenKey(l.given), l]));
  const lines = entries.map((entry) => {
    const lookup = byKey.get(givenKey(entry));
    return lookup ? describeLookups([lookup])[0] : `${entry}: not looked up yet (the next poll asks the Members API)`;
  });
  return `\n\nWatched members (parliament.members):\n${lines.map((l) => `  ${terminalLine(l ?? '')}`).join('\n')}`;
}

/** The report from the states already read: the table, a summary line, then warnings and refused items. */
export function sourcesReport(config: Config, states: readonly SourceState[], now: Date, dataDir: string, members: readonly MemberLookup[] = []): string {
  const rows = sourceHealthRows(config, states, now);
  const failing = states.filter((s) => s.consecutiveFailures > 0 && config.sources.some((c) => c.id === s.sourceId)).length;
  const waiting = states.filter((s) => s.notBefore && Date.parse(s.notBefore) > now.getTime()).length;
  const note = states.length === 0 ? `\nNo source has been polled yet with the data in ${dataDir} (run "despatch run --once" or "despatch start").` : '';
  const notes = sourceNotes(config, states, now);
  const noted = states.filter((s) => s.warning || (s.refused ?? []).length > 0).length;
  const summary =
    `\n${config.sources.length} sources: ${failing} failing, ${waiting} waiting before the next attempt` +
    (noted > 0 ? `, ${noted} with warnings or refused items (below).` : '.');
  const notesText = notes.length > 0 ? `\n\nWarnings and refused items:\n${notes.map((n) => `  ${n}`).join('\n')}` : '';
  const skips = sourceSkips(config, states, now);
  const skipsText =
    skips.length > 0
      ? `\n\nToo old to be news (marked seen, never briefed; each source's maxAgeDays sets the limit):\n${skips.map((n) => `  ${n}`).join('\n')}`
      : '';
  return `${formatHealthTable(rows)}\n${summary}${notesText}${skipsText}${watchedMembersReport(config, members)}${note}`;
}

/** What main.ts calls. */
export async function sourcesCommand(options: SourcesOptions): Promise<number> {
  try {
    console.log(await runSources(options));
    return 0;
  } catch (error) {
    if (!(error instanceof DataDirInUseError) && !(error instanceof DamagedDataDirError)) throw error;
    console.error(error.message);
    return 1;
  }
}

/** Every configured source's state; states written before they were listed (older data) are read one by one. */
export async function readStates(config: Config, store: Store): Promise<SourceState[]> {
  const listed = await store.listSourceStates();
  const listedIds = new Set(listed.map((s) => s.sourceId));
  const missing = await Promise.all(config.sources.filter((s) => !listedIds.has(s.id)).map((s) => store.getSourceState(s.id)));
  return [...listed, ...missing.filter((s): s is SourceState => s !== undefined)];
}
