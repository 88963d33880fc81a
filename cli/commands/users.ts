/**
 * `despatch users add NAME --role R [--days N]`, `despatch users list`, `despatch users revoke NAME`:
 * the people who may sign in to the review page on this machine. They touch only the users file in
 * the data dir (local-users.ts), so they work while `despatch start` runs, and the running page
 * obeys them from its next request.
 */
import { existsSync } from 'node:fs';
import * as z from 'zod';
import { roles, type Role } from '../../shared/platform/config/roles.js';
import { userNameSchema } from '../../shared/platform/config/schema.js';
import { londonDate } from '../../shared/platform/time.js';
import {
  addLocalUser,
  DEFAULT_LINK_DAYS,
  MAX_LINK_DAYS,
  readLastUsed,
  readLocalUsers,
  revokeLocalUser,
  userState,
  type IssuedLink,
  type StartUsers,
  UnknownUserError,
} from '../../infra/local/local-users.js';
import { readReviewUrl } from '../../infra/local/review-page.js';
import { revokedAt } from '../../infra/local/review-tokens.js';
import { parseCommandArgs, UsageError } from '../args.js';

const USAGE = 'despatch users add NAME --role approver|editor|reader [--days N] | users list | users revoke NAME   [--data-dir DIR] [--demo]';

const options = {
  role: { type: 'string' },
  days: { type: 'string' },
  'data-dir': { type: 'string' },
  demo: { type: 'boolean', default: false },
} as const;

/** A name as the shell needs it in a suggested command (names have no quotes: see userNameSchema). */
const arg = (name: string): string => (name.includes(' ') ? `"${name}"` : name);

/** A sign-in link: the token rides in the fragment, which the browser never sends to any server. */
export const signInLink = (url: string, token: string, week?: string): string => `${url}/${week ? `?week=${week}` : ''}#token=${token}`;

const roleSchema = z.enum(roles, { error: `--role must be one of ${roles.join(', ')}` });
const daysSchema = z.coerce
  .number({ error: '--days must be a number of days' })
  .int('--days must be a whole number of days')
  .min(1, '--days must be at least 1')
  .max(MAX_LINK_DAYS, `--days must be at most ${MAX_LINK_DAYS}`);

const userNameArg = z.string().transform((name, ctx) => {
  const parsed = userNameSchema.safeParse(name);
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: `The name ${JSON.stringify(name)} ${parsed.error.issues[0]?.message ?? 'is not a valid name'}.` });
  return z.NEVER;
});

function parseOrUsage<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? USAGE);
  return parsed.data;
}

/** Runs one `despatch users` subcommand in `dataDir`; returns what to print. */
export function usersCommand(argv: string[], resolveDataDir: (given: string | undefined, demo: boolean) => string, now = new Date()): string {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseCommandArgs(rest, options, `despatch users ${sub ?? ''}`.trim());
  const dataDir = resolveDataDir(values['data-dir'], values.demo);
  if (sub === 'add') {
    const name = positionals[0];
    if (!name || positionals.length > 1) throw new UsageError(`users add takes one NAME (quote a name with a space): ${USAGE}`);
    if (!values.role) throw new UsageError(`users add needs --role (${roles.join(', ')}): ${USAGE}`);
    const role: Role = parseOrUsage(roleSchema, values.role);
    const days = values.days === undefined ? DEFAULT_LINK_DAYS : parseOrUsage(daysSchema, values.days);
    const link = addLocalUser(dataDir, parseOrUsage(userNameArg, name), role, { now, days });
    return [
      `Sign-in link for ${link.name} (${link.role}), good until ${londonDate(new Date(link.expires))} (${days} days):`,
      `  ${signInLink(readReviewUrl(dataDir), link.token)}`,
      `Give it to ${link.name} only: anyone with it signs in as them. It is shown this once (only a hash is kept);`,
      `any link ${link.name} had before no longer works. "despatch users revoke ${arg(link.name)}" ends this one.`,
    ].join('\n');
  }
  if (positionals.length > (sub === 'revoke' ? 1 : 0)) throw new UsageError(USAGE);
  if (sub === 'list') return listUsers(dataDir, now);
  if (sub === 'revoke') {
    const name = positionals[0];
    if (!name) throw new UsageError(`users revoke takes the NAME of the user: ${USAGE}`);
    if (!existsSync(dataDir)) throw new UsageError(`There is no data dir at ${dataDir}: nobody to revoke.`);
    const user = revokeOrUsage(dataDir, name, now);
    return `Revoked ${user.name}'s sign-in link: the review page refuses it from its next request. "despatch users add ${arg(user.name)} --role ${user.role}" makes a new one.`;
  }
  throw new UsageError(`users needs add, list or revoke: ${USAGE}`);
}

function revokeOrUsage(dataDir: string, name: string, now: Date) {
  try {
    return revokeLocalUser(dataDir, name, now);
  } catch (error) {
    if (error instanceof UnknownUserError) throw new UsageError(error.message);
    throw error;
  }
}

function listUsers(dataDir: string, now: Date): string {
  const users = readLocalUsers(dataDir);
  if (users.length === 0) return `No local users in ${dataDir} yet: "despatch start" makes one, or "despatch users add NAME --role R".`;
  const lastUsed = readLastUsed(dataDir);
  const allRevokedAt = revokedAt(dataDir);
  const rows = users.map((u) => {
    const state = userState(u, now, allRevokedAt);
    return [
      u.name,
      u.role,
      londonDate(new Date(u.created)),
      lastUsed[u.name] ? londonDate(new Date(lastUsed[u.name] as string)) : 'never',
      state === 'revoked' ? 'revoked' : `${londonDate(new Date(u.expires))}${state === 'expired' ? ' (expired)' : ''}`,
    ];
  });
  const header = ['name', 'role', 'created', 'last used', 'expires'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** What `despatch start` prints about sign-in: new links in full, stored ones by name only (they are kept hashed). */
export function describeStartUsers(url: string, week: string, users: StartUsers): string[] {
  const lines: string[] = [];
  const newLink = (link: IssuedLink) =>
    `  ${link.name} (${link.role}), new link good until ${londonDate(new Date(link.expires))}:\n    ${signInLink(url, link.token, week)}`;
  for (const link of users.issued) lines.push(newLink(link));
  for (const user of users.roleChanged) lines.push(`  ${user.name} is now ${user.role === 'approver' ? 'an' : 'a'} ${user.role}, as the configuration says.`);
  const stored = users.stored.map((u) => `${u.name} (${u.role})`);
  if (stored.length > 0)
    lines.push(
      `  ${stored.join(', ')}: sign in with the link made earlier (${url}/?week=${week}#token=… from a bookmark). Links are stored hashed, so they cannot be shown again; "despatch users add NAME --role R" makes a new one.`,
    );
  for (const user of users.revoked) lines.push(`  ${user.name}: revoked; "despatch users add ${arg(user.name)} --role ${user.role}" makes a new link.`);
  lines.push(`  ("despatch users list" shows who may sign in; "despatch users revoke NAME" ends one link, "despatch revoke-tokens" every link)`);
  return lines;
}
