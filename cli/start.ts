/** `despatch start`: the local stack until Ctrl-C — polls every group now, then on schedule. */
import * as z from 'zod';
import type { Config } from '../shared/platform/config/schema.js';
import type { PollSummary } from '../shared/ingest/poller/poll-group.js';
import type { BriefingCheck, BriefingOutcome } from '../shared/deliver/briefing/send.js';
import { recordCountsText } from '../shared/deliver/briefing/counts.js';
import { LocalStack } from '../infra/local/runtime.js';
import { describeSource } from './output.js';
import { describeSentAlert, sentAlerts } from './sent-alerts.js';
import { describeWeek } from './week.js';
import { unlessStopped, type StopSignal } from './stop-signal.js';

export interface StartOptions {
  config: Config;
  dataDir: string;
  /** The demo writes a briefing straight after its first poll instead of waiting for 07:00. */
  briefNow: boolean;
  log: (line: string) => void;
  /** Ctrl-C / SIGTERM: the first poll and drain give way to it (the stack is still returned, to stop). */
  stop?: StopSignal;
  /** The data dir vanished or turned read-only under the running stack: it must stop, loudly. */
  onDataDirLost?: (problem: string) => void;
}

export async function start(options: StartOptions): Promise<LocalStack> {
  const { log } = options;
  const stack = await LocalStack.start({
    config: options.config,
    dataDir: options.dataDir,
    onError: (where, error) => log(`error in ${where}: ${error instanceof Error ? error.message : String(error)}`),
    ...(options.onDataDirLost ? { onDataDirLost: options.onDataDirLost } : {}),
  });
  log(`Despatch is running for ${options.config.council.name}.`);
  log(`  DynamoDB (dynalite): ${stack.endpoints.dynamodb}   SQS (local-aws-sqs): ${stack.endpoints.sqs}`);
  log(`  Outbox (briefings and alerts): ${stack.outboxDir}`);
  if (stack.restored.restored > 0) {
    log(
      `  Picked up ${stack.restored.restored} message(s) left on the queues when Despatch last stopped${stack.restored.deadLettered > 0 ? ` (${stack.restored.deadLettered} set aside after failing repeatedly: see "despatch redrive --list")` : ''}.`,
    );
  }

  const reportPoll = (summary: PollSummary) => {
    log(`Polled ${summary.group}:`);
    for (const source of summary.sources) log(`  ${describeSource(source)}`);
  };
  const startedAt = new Date();
  const polled = await unlessStopped(stack.pollAllGroups(), options.stop);
  if (!('value' in polled)) return stack;
  for (const summary of polled.value) reportPoll(summary);
  await reportWatchedMembers(stack, options);
  await stack.drain(options.stop ? { signal: options.stop.signal } : {});
  if (options.stop?.signal.aborted) return stack;
  reportAlerts(stack.outboxDir, startedAt, log);
  if (options.briefNow) await briefNow(stack, options);
  else await sendMissedBriefing(stack, options);
  if (options.config.grid) await startGridReview(stack, options);

  const scheduler = stack.startBackground((spec, result) => {
    if (spec.target === 'poller') reportPoll(result as PollSummary);
    else if (spec.target === 'planner') log(describePlan(result));
    else if (spec.target === 'alerter') log(`Quiet hours over: ${String((result as { released?: number }).released ?? 0)} held alert(s) sent.`);
    else if (spec.id === 'briefing-check') reportBriefingCheck(result as BriefingCheck, log);
    else reportBriefing(result as BriefingOutcome, log);
  });
  for (const { spec, at } of scheduler.upcoming()) {
    log(`  next: ${spec.description} — ${at.toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' })}`);
  }
  log('Press Ctrl-C to stop.');
  return stack;
}

/** Says which alerts the first poll sent, when, and how: the office should not have to open the outbox to know. */
function reportAlerts(outboxDir: string, since: Date, log: (line: string) => void): void {
  const alerts = sentAlerts(outboxDir, since);
  if (alerts.length === 0) log('No alerts sent: nothing new reached the alert level.');
  for (const alert of alerts) log(describeSentAlert(alert));
}

/** Names or seats in parliament.members the Members API could not settle are said at start, each with its reason. */
async function reportWatchedMembers(stack: LocalStack, options: StartOptions): Promise<void> {
  const { watchedEntries } = await import('../shared/ingest/parliament/api.js');
  const entries = watchedEntries(options.config);
  if (entries.length === 0) return;
  const { cachedMembers, describeLookups } = await import('../shared/ingest/parliament/members.js');
  const { withLocalStore } = await import('../infra/local/data-dir.js');
  const { terminalLine } = await import('./output.js');
  const resolved = await withLocalStore(stack.dataDir, options.config.retention.days, (store) => cachedMembers(entries, store)).catch(() => undefined);
  if (!resolved) return;
  options.log('Watched members (parliament.members):');
  for (const line of describeLookups(resolved.lookups)) options.log(`  ${terminalLine(line)}`);
}

/**
 * The demo writes a briefing at once. One briefing a day is sent, so a second demo the same day
 * writes it again to the outbox marked as a re-run (nothing is sent again, today stays done),
 * rather than writing nothing as the README promised otherwise.
 */
async function briefNow(stack: LocalStack, options: StartOptions): Promise<void> {
  const outcome = await stack.briefing();
  if (outcome.status === 'sent') return reportBriefing(outcome, options.log);
  const { previewBriefing } = await import('../shared/deliver/briefing/send.js');
  const { writeOutboxFiles } = await import('../shared/adapters/local/outbox.js');
  const { withLocalStore } = await import('../infra/local/data-dir.js');
  const now = new Date();
  const files = await withLocalStore(stack.dataDir, options.config.retention.days, async (store) => {
    const preview = await previewBriefing(now, { config: options.config, store });
    return writeOutboxFiles(stack.outboxDir, 'briefing-rerun', now, [
      ['.html', preview.email.html],
      ['.txt', preview.email.text],
    ]);
  });
  options.log(
    `Briefing for ${outcome.record.localDate} was already sent today (one a day), so this run wrote it again as a re-run, not sent: ${files?.[0] ?? stack.outboxDir}`,
  );
}

/**
 * Started after the briefing time on a briefing day with today's not sent (the laptop was off at
 * 07:00): sends it now, once, and says why, rather than waiting silently for tomorrow.
 */
async function sendMissedBriefing(stack: LocalStack, options: StartOptions): Promise<void> {
  const { missedBriefingDue } = await import('../shared/deliver/briefing/missed.js');
  const { withLocalStore } = await import('../infra/local/data-dir.js');
  const due = await withLocalStore(stack.dataDir, options.config.retention.days, (store) => missedBriefingDue(new Date(), options.config, store));
  if (!due) return;
  options.log(`Today's briefing (${due}) was due at ${options.config.briefing.time} and has not been sent: sending it now.`);
  reportBriefing(await stack.briefing(), options.log);
}

/**
 * Plans this week and the next only if they were never planned: a start must not re-plan a week
 * under a reviewer (re-planning is the page's button, `despatch grid --replan` or the weekly
 * schedule). Returns the week after this one, which the review page opens on.
 */
export async function planMissingWeeks(stack: Pick<LocalStack, 'invoke'>, now: Date, log: (line: string) => void): Promise<string> {
  const { followingWeek } = await import('../shared/grid/plan-week.js');
  const { isoWeekOf } = await import('../shared/grid/calendar.js');
  const { londonDate } = await import('../shared/platform/time.js');
  const next = followingWeek(now);
  for (const week of [isoWeekOf(londonDate(now)), next])
    log(describePlan(await stack.invoke('planner', { v: 1, week, now: now.toISOString(), onlyIfNew: true })));
  return next;
}

/** Plans the weeks never planned and serves the review page on loopback. */
async function startGridReview(stack: LocalStack, options: StartOptions): Promise<void> {
  const { startLocalReview } = await import('../infra/local/review-page.js');
  const next = await planMissingWeeks(stack, new Date(), options.log);
  const review = await startLocalReview(stack);
  stack.onStop(() => review.close());
  options.log(`Social media grid review page (this machine only):`);
  options.log(`  ${review.url}/?week=${next}#token=${review.approverToken}   (signed in as an approver)`);
  options.log(`  editor sign-in token (can edit, cannot approve): ${review.editorToken}`);
  options.log(`  (the tokens last 12 hours; "despatch revoke-tokens" ends them now)`);
}

function describePlan(result: unknown): string {
  const parsed = planSummarySchema.safeParse(result);
  if (!parsed.success) return 'The grid planner answered in a way this command does not understand.';
  const { week, slots, needsResponse } = parsed.data;
  return `Grid for the week of ${describeWeek(week)}: ${slots} posts planned, ${needsResponse} sensitive stor${needsResponse === 1 ? 'y' : 'ies'} to consider for a response.`;
}

const planSummarySchema = z.object({ week: z.string(), slots: z.number(), needsResponse: z.number() });

function reportBriefingCheck(check: BriefingCheck, log: (line: string) => void): void {
  if (check.status === 'missing') log(`Warning: the briefing for ${check.localDate} has not been sent (in AWS this raises the "briefing not sent" alarm).`);
}

function reportBriefing(outcome: BriefingOutcome, log: (line: string) => void): void {
  if (outcome.status === 'sent') {
    log(`Briefing for ${outcome.record.localDate}: ${recordCountsText(outcome.record)}${outcome.location ? ` → ${outcome.location}` : ''}`);
  } else {
    log(`Briefing for ${outcome.record.localDate} was already sent.`);
  }
}
