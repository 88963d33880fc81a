/**
 * The local Mailer: each message is written to a folder as <UTC stamp>-<tag>.eml (open it in any
 * mail client) with the HTML part beside it as .html (open it in a browser). Nothing is sent.
 * The same folder keeps what else a laptop "sends": text messages (.sms.txt), webhook posts
 * (.webhook.json), and briefings rendered on demand (.html + .txt).
 */
import { mkdir, open, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { compose, type EmailMessage, type Mailer } from '../../deliver/email/message.js';

export function createOutboxMailer(dir: string, opts: { now?: () => Date } = {}): Mailer {
  const now = opts.now ?? (() => new Date());
  return {
    async send(message: EmailMessage) {
      const date = now();
      const { raw, messageId } = await compose(message, { date });
      const paths = await writeOutboxFiles(dir, message.tag ?? message.subject, date, [
        ['.eml', raw],
        ['.html', message.html],
      ]);
      return { messageId, headerMessageId: messageId, location: paths[0] ?? dir };
    },
  };
}

/**
 * Writes files that belong together under one new name, <UTC stamp>-<slug><ext>, and returns their
 * paths in the order given. The first file is created exclusively: two writes in the same
 * millisecond with the same tag get -2, -3, … instead of one silently replacing the other,
 * including across processes.
 */
export async function writeOutboxFiles(
  dir: string,
  tag: string,
  date: Date,
  files: readonly (readonly [ext: string, content: string | Buffer])[],
): Promise<string[]> {
  const [first, ...rest] = files;
  if (!first) return [];
  await mkdir(dir, { recursive: true });
  const base = `${stamp(date)}-${slug(tag)}`;
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}-${n}`;
    const firstPath = join(dir, `${name}${first[0]}`);
    let handle: FileHandle;
    try {
      handle = await open(firstPath, 'wx');
    } catch (error) {
      if (isExists(error)) continue;
      throw error;
    }
    try {
      await handle.writeFile(first[1]);
    } finally {
      await handle.close();
    }
    const paths = [firstPath];
    for (const [ext, content] of rest) {
      const path = join(dir, `${name}${ext}`);
      await writeFile(path, content);
      paths.push(path);
    }
    return paths;
  }
}

/** 20261124T070000.123Z: sorts by time, and is a valid file name on every OS (no colons). */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '');
}

/** A tag or subject as a short, safe file-name part: no path separators, no dots at the start. */
function slug(s: string): string {
  const cleaned = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return cleaned || 'message';
}

function isExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST';
}

/**
 * Sends through `mailer` (SMTP) and keeps the message in the outbox as well, so a laptop that sends
 * real email still has its record of what went. The send is SMTP alone: the copy is `keepCopy`,
 * which the senders run only after recording the send, so a copy that cannot be written (a full
 * disk, a folder that is a file) is reported and never makes SMTP send the message again.
 */
export function alsoToOutbox(mailer: Mailer, dir: string, opts: { now?: () => Date } = {}): Mailer {
  const outbox = createOutboxMailer(dir, opts);
  return {
    send: (message: EmailMessage) => mailer.send(message),
    async keepCopy(message: EmailMessage) {
      const copy = await outbox.send(message);
      return copy.location ? { location: copy.location } : {};
    },
  };
}
