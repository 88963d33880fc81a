/**
 * The alerts a run sent, read back from the local outbox, so the terminal can say what went out:
 * "Alert at 11:17 (London) by email, Teams and text: Critical: Calls grow for … — London Daily".
 * The outbox is what a person would open to check, so it is also the truth of what was sent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { londonClock } from '../shared/deliver/render/time.js';
import { terminalLine } from './output.js';

export interface SentAlert {
  readonly at: Date;
  /** What the alert was about, as its email subject (or Teams/Slack summary, or text) says. */
  readonly about: string;
  readonly channels: readonly string[];
}

/** 20261207T111745.622Z-alert-d79db536-teams.webhook.json: when it was written, which alert, how. */
const FILE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z-alert-([0-9a-z]+)(?:-[\w-]+)?\.(eml|webhook\.json|sms\.txt)$/;
const CHANNEL: Record<string, string> = { eml: 'email', 'webhook.json': 'Teams/Slack', 'sms.txt': 'text message' };

/** The alerts written to `outboxDir` at or after `since`, oldest first, one entry per alert. */
export function sentAlerts(outboxDir: string, since: Date): SentAlert[] {
  let names: string[];
  try {
    names = readdirSync(outboxDir).sort();
  } catch {
    return [];
  }
  const alerts = new Map<string, { at: Date; about?: string; channels: string[] }>();
  for (const name of names) {
    const m = FILE.exec(name);
    if (!m) continue;
    const [, y, mo, d, h, mi, s, ms, id, kind] = m as unknown as [string, string, string, string, string, string, string, string, string, keyof typeof CHANNEL];
    const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
    if (at < since) continue;
    const entry = alerts.get(id) ?? { at, channels: [] };
    const channel = CHANNEL[kind] ?? kind;
    if (!entry.channels.includes(channel)) entry.channels.push(channel);
    entry.about ??= aboutFrom(join(outboxDir, name), kind);
    alerts.set(id, entry);
  }
  return [...alerts.values()].map((a) => ({ at: a.at, about: a.about ?? 'an alert', channels: a.channels }));
}

/** "Alert sent at 11:17 (London time) by email and text message: Critical: …". */
export function describeSentAlert(alert: SentAlert): string {
  const channels = alert.channels.length > 1 ? `${alert.channels.slice(0, -1).join(', ')} and ${alert.channels.at(-1) ?? ''}` : (alert.channels[0] ?? '');
  // The subject carries a feed's headline: never raw to the terminal.
  return `Alert sent at ${londonClock(alert.at)} (London time) by ${channels}: ${terminalLine(alert.about)}`;
}

function aboutFrom(file: string, kind: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    if (kind === 'eml') return subjectOf(text);
    if (kind === 'webhook.json') {
      const summary = (JSON.parse(text) as { payload?: { summary?: unknown; text?: unknown } }).payload;
      const value = summary?.summary ?? summary?.text;
      return typeof value === 'string' ? value : undefined;
    }
    return text.split(/\r?\n\r?\n/)[1]?.split('. Why:')[0];
  } catch {
    return undefined;
  }
}

/** The Subject header, unfolded and with its RFC 2047 encoded words decoded. */
export function subjectOf(eml: string): string | undefined {
  const head = eml.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = /^Subject: (.*)$/im.exec(unfolded)?.[1];
  if (line === undefined) return undefined;
  // Adjacent encoded words are joined without the space between them (RFC 2047 §6.2).
  return line.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, encoding: string, data: string) => {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64')
        : Buffer.from(
            data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          );
    return bytes.toString('utf8');
  });
}
