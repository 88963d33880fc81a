/**
 * The named people who may sign in to the review page on this machine, each with a role, kept in
 * `<data dir>/users.json` so a sign-in link keeps working across restarts. Only a SHA-256 of each
 * token is stored: the link is printed once, when it is made, and cannot be shown again (whoever
 * reads the file cannot sign in with it). Each token expires; `despatch users revoke NAME` ends
 * one person's, `despatch revoke-tokens` everyone's (review-tokens.ts).
 *
 * The file is written whole, atomically (a temporary file renamed over it, mode 0600), under a
 * lock file, so `despatch users …` in one terminal and `despatch start` in another never lose each
 * other's change. When each user last signed in is kept apart, in users-last-used.json, written
 * only by the running review server: it must never write users.json, or it could overwrite a
 * revocation made meanwhile.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { roles, ROLE_GROUPS, type Role } from '../../shared/platform/config/roles.js';
import { userNameSchema } from '../../shared/platform/config/schema.js';
import type { LocalUser } from './http-adapter.js';
import { revokedAt } from './review-tokens.js';

const FILE = 'users.json';
const LAST_USED_FILE = 'users-last-used.json';
const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a sign-in link is good for unless `--days` says otherwise. */
export const DEFAULT_LINK_DAYS = 90;
export const MAX_LINK_DAYS = 3650;

/** The first start with nobody declared makes this approver, so a fresh clone's demo can be signed in to. */
export const FIRST_USER_NAME = 'you';

const isoInstant = z.iso.datetime();
const storedUserSchema = z.strictObject({
  name: userNameSchema,
  role: z.enum(roles),
  created: isoInstant,
  /** SHA-256 (hex) of the current token; null once it has been revoked. */
  tokenSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  issued: isoInstant,
  expires: isoInstant,
  revoked: isoInstant.nullable(),
});
export type StoredUser = z.infer<typeof storedUserSchema>;
const usersFileSchema = z.strictObject({ v: z.literal(1), users: z.array(storedUserSchema) });
const lastUsedSchema = z.record(z.string(), isoInstant);

/** users.json is there but cannot be read as users: say where and why, never guess. */
export class LocalUsersFileError extends Error {
  constructor(path: string, why: string) {
    super(`The local users file ${path} ${why}. Fix or remove it (removing it signs everyone out; "despatch users add" makes new links).`);
    this.name = 'LocalUsersFileError';
  }
}

export class UnknownUserError extends Error {
  constructor(name: string, known: readonly string[]) {
    super(`There is no local user called "${name}"${known.length > 0 ? ` (there are: ${known.join(', ')})` : ''}.`);
    this.name = 'UnknownUserError';
  }
}

export type UserState = 'active' | 'expired' | 'revoked';

/** Whether the user's token still signs them in: revoked one by one, or all at once, or past its expiry. */
export function userState(user: StoredUser, now: Date, allRevokedAt: number | undefined): UserState {
  if (user.revoked !== null || user.tokenSha256 === null) return 'revoked';
  if (allRevokedAt !== undefined && allRevokedAt >= Date.parse(user.issued)) return 'revoked';
  return now.getTime() < Date.parse(user.expires) ? 'active' : 'expired';
}

const sha256 = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
/** 256 random bits, URL-safe: it travels in a link's fragment. */
const newToken = (): string => randomBytes(32).toString('base64url');
/** Names are told apart regardless of case: "Priya" and "priya" are one person. */
const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function readLocalUsers(dataDir: string): StoredUser[] {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) return [];
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new LocalUsersFileError(path, `is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = usersFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LocalUsersFileError(path, `is not a users file: ${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'unreadable'}`);
  }
  return parsed.data.users;
}

/** Writes `content` to `path` atomically with mode 0600: readers see the old file or the new, never half. */
function writeAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

const sleepSync = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Runs `change` on the users with the lock held, and writes what it returns. The lock is a file
 * made with O_EXCL; one older than 30 s is left from a process that died and is taken over.
 */
function changeUsers<T>(dataDir: string, change: (users: StoredUser[]) => { users: StoredUser[]; result: T }): T {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = join(dataDir, `${FILE}.lock`);
  for (let attempt = 0; ; attempt++) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 30_000) rmSync(lock, { force: true });
      else if (attempt >= 100) throw new Error(`The local users file is locked by another despatch command (${lock}); try again.`);
      else sleepSync(50);
    }
  }
  try {
    const { users, result } = change(readLocalUsers(dataDir));
    writeAtomically(join(dataDir, FILE), `${JSON.stringify({ v: 1, users }, null, 2)}\n`);
    return result;
  } finally {
    rmSync(lock, { force: true });
  }
}

export interface IssuedLink {
  readonly name: string;
  readonly role: Role;
  /** The token itself: shown once, then only its hash is kept. */
  readonly token: string;
  readonly expires: string;
}

function issue(users: StoredUser[], name: string, role: Role, now: Date, days: number): { users: StoredUser[]; link: IssuedLink } {
  const token = newToken();
  const at = now.toISOString();
  const expires = new Date(now.getTime() + days * DAY_MS).toISOString();
  const existing = users.find((u) => sameName(u.name, name));
  const user: StoredUser = {
    name: existing?.name ?? name,
    role,
    created: existing?.created ?? at,
    tokenSha256: sha256(token),
    issued: at,
    expires,
    revoked: null,
  };
  return { users: existing ? users.map((u) => (u === existing ? user : u)) : [...users, user], link: { name: user.name, role, token, expires } };
}

function checkDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_LINK_DAYS) throw new RangeError(`a link lasts a whole number of days from 1 to ${MAX_LINK_DAYS}`);
  return days;
}

/**
 * `despatch users add`: the user with a new token (made, or their role changed, if already there).
 * Their old token stops working at once: only the new hash is kept.
 */
export function addLocalUser(dataDir: string, name: string, role: Role, options: { now?: Date; days?: number } = {}): IssuedLink {
  const valid = userNameSchema.parse(name);
  const days = checkDays(options.days ?? DEFAULT_LINK_DAYS);
  return changeUsers(dataDir, (users) => {
    const { users: next, link } = issue(users, valid, role, options.now ?? new Date(), days);
    return { users: next, result: link };
  });
}

/** `despatch users revoke`: the user's token stops working; they stay listed, as revoked, until added again. */
export function revokeLocalUser(dataDir: string, name: string, now = new Date()): StoredUser {
  return changeUsers(dataDir, (users) => {
    const user = users.find((u) => sameName(u.name, name));
    if (!user)
      throw new UnknownUserError(
        name,
        users.map((u) => u.name),
      );
    const revoked: StoredUser = { ...user, tokenSha256: null, revoked: now.toISOString() };
    return { users: users.map((u) => (u === user ? revoked : u)), result: revoked };
  });
}

export interface StartUsers {
  /** Links made at this start (users new to the file, or whose link had expired or was revoked with revoke-tokens). */
  readonly issued: readonly IssuedLink[];
  /** Users whose stored link still works: it is stored hashed, so it cannot be printed. */
  readonly stored: readonly StoredUser[];
  /** Users revoked one by one: they get no link until "despatch users add". */
  readonly revoked: readonly StoredUser[];
  /** Users whose role the configuration changed. */
  readonly roleChanged: readonly StoredUser[];
}

/**
 * What `despatch start` does before serving the page: every user the configuration declares is in
 * the file with the declared role, and has a working link (a new one printed if not, unless they
 * were revoked one by one: the office meant that). With nobody declared and nobody stored, one
 * approver called "you" is made, so the page can be opened from a fresh clone.
 */
export function prepareLocalUsers(dataDir: string, declared: readonly { name: string; role: Role }[], options: { now?: Date; days?: number } = {}): StartUsers {
  const now = options.now ?? new Date();
  const days = checkDays(options.days ?? DEFAULT_LINK_DAYS);
  const allRevokedAt = revokedAt(dataDir);
  return changeUsers(dataDir, (before) => {
    let users = before;
    const issued: IssuedLink[] = [];
    const roleChanged: StoredUser[] = [];
    const wanted = declared.length > 0 || users.length > 0 ? declared : [{ name: FIRST_USER_NAME, role: 'approver' as const }];
    for (const { name, role } of wanted) {
      const existing = users.find((u) => sameName(u.name, name));
      if (existing && existing.role !== role) {
        const changed = { ...existing, role };
        users = users.map((u) => (u === existing ? changed : u));
        roleChanged.push(changed);
      }
    }
    for (const user of users.filter((u) => u.revoked === null && userState(u, now, allRevokedAt) !== 'active')) {
      const result = issue(users, user.name, user.role, now, days);
      users = result.users;
      issued.push(result.link);
    }
    for (const { name, role } of wanted) {
      if (users.some((u) => sameName(u.name, name))) continue;
      const result = issue(users, name, role, now, days);
      users = result.users;
      issued.push(result.link);
    }
    const fresh = new Set(issued.map((l) => l.name));
    return {
      users,
      result: {
        issued,
        stored: users.filter((u) => !fresh.has(u.name) && u.revoked === null),
        revoked: users.filter((u) => u.revoked !== null),
        roleChanged,
      },
    };
  });
}

/** When each user last signed in (ISO), as the review server recorded it. */
export function readLastUsed(dataDir: string): Record<string, string> {
  const path = join(dataDir, LAST_USED_FILE);
  if (!existsSync(path)) return {};
  try {
    const parsed = lastUsedSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    // Only a convenience for "users list": a damaged file costs the column, never a sign-in.
    return {};
  }
}

/** The local user a request signs in as: the claims the page's API sees (id and name, the role's groups). */
function localUserOf(user: Pick<StoredUser, 'name' | 'role'>): LocalUser {
  return { id: user.name, name: user.name, groups: [ROLE_GROUPS[user.role]] };
}

/**
 * The running review server's check of a bearer token against users.json. The file is re-read
 * when it changes (its inode, size or mtime: every write renames a new file in), so a revocation
 * from another terminal counts from the next request; a stat per request is all it costs.
 */
export function localUsersAuthenticator(dataDir: string, options: { now?: () => number } = {}): (token: string) => LocalUser | undefined {
  const now = options.now ?? Date.now;
  const path = join(dataDir, FILE);
  let seen = '';
  let users: StoredUser[] = [];
  const lastUsed = new Map(Object.entries(readLastUsed(dataDir)));
  const stamp = (): string => {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : 'none';
  };
  const recordUse = (name: string, at: number): void => {
    const previous = Date.parse(lastUsed.get(name) ?? '');
    // At most once a minute per user: a page makes many requests.
    if (!Number.isNaN(previous) && at - previous < 60_000) return;
    lastUsed.set(name, new Date(at).toISOString());
    try {
      writeAtomically(join(dataDir, LAST_USED_FILE), `${JSON.stringify(Object.fromEntries(lastUsed), null, 2)}\n`);
    } catch {
      // The data dir's own watch reports a lost data dir; a sign-in does not fail for this.
    }
  };
  return (token) => {
    const current = stamp();
    if (current !== seen) {
      try {
        users = readLocalUsers(dataDir);
      } catch {
        // A damaged file signs nobody in (fail closed) until it is fixed.
        users = [];
      }
      seen = current;
    }
    const at = now();
    const allRevokedAt = revokedAt(dataDir);
    const given = Buffer.from(sha256(token), 'hex');
    const user = users.find(
      (u) => u.tokenSha256 !== null && timingSafeEqual(Buffer.from(u.tokenSha256, 'hex'), given) && userState(u, new Date(at), allRevokedAt) === 'active',
    );
    if (!user) return undefined;
    recordUse(user.name, at);
    return localUserOf(user);
  };
}
