/**
 * The local Mailer: each message is written to a folder as <UTC stamp>-<tag>.eml (open it in any
 * mail client) with the HTML part beside it as .html (open it in a browser). Nothing is sent.
 */
import { mkdir, open, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { compose, type EmailMessage, type Mailer } from './message.js';

export function createOutboxMailer(dir: string, opts: { now?: () => Date } = {}): Mailer {
  const now = opts.now ?? (() => new Date());
  return {
    async send(message: EmailMessage) {
      const date = now();
      const { raw, messageId } = await compose(message, { date });
      await mkdir(dir, { recursive: true });
      const base = `${stamp(date)}-${slug(message.tag ?? message.subject)}`;
      // Exclusive create: two messages in the same millisecond with the same tag get -2, -3, …
      // instead of one silently replacing the other, including across processes.
      for (let n = 1; ; n += 1) {
        const name = n === 1 ? base : `${base}-${n}`;
        const emlPath = join(dir, `${name}.eml`);
        let handle: FileHandle;
        try {
          handle = await open(emlPath, 'wx');
        } catch (error) {
          if (isExists(error)) continue;
          throw error;
        }
        try {
          await handle.writeFile(raw);
        } finally {
          await handle.close();
        }
        await writeFile(join(dir, `${name}.html`), message.html, 'utf8');
        return { messageId, location: emlPath };
      }
    },
  };
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
