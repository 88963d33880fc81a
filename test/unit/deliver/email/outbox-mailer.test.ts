import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmailMessage } from '../../../../shared/deliver/email/message.js';
import { createOutboxMailer } from '../../../../shared/adapters/local/outbox.js';
import { headerValue, readMime } from './mime-helpers.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'despatch-outbox-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const fixedNow = () => new Date('2026-11-24T07:00:00.123Z');
const message = (over: Partial<EmailMessage> = {}): EmailMessage => ({
  from: 'despatch@exampleton.gov.uk',
  to: ['mayors.office@exampleton.gov.uk'],
  subject: 'Political developments — Tue 24 Nov: 41 items',
  text: 'text body',
  html: '<p>html body</p>',
  ...over,
});

describe('createOutboxMailer', () => {
  it('creates the folder and writes <UTC stamp>-<tag>.eml with the .html beside it', async () => {
    // Prepare
    const dir = join(root, 'nested', 'outbox');
    const mailer = createOutboxMailer(dir, { now: fixedNow });

    // Act
    const result = await mailer.send(message({ tag: 'briefing-2026-11-24' }));

    // Assess
    expect(result.location).toBe(join(dir, '20261124T070000.123Z-briefing-2026-11-24.eml'));
    expect(result.messageId).toMatch(/^<.+@exampleton\.gov\.uk>$/);
    expect((await readdir(dir)).sort()).toEqual(['20261124T070000.123Z-briefing-2026-11-24.eml', '20261124T070000.123Z-briefing-2026-11-24.html']);
    const { headers, parts } = readMime(await readFile(result.location!));
    expect(headerValue(headers, 'Subject')).toBe(message().subject);
    expect(headerValue(headers, 'Date')).toBe('Tue, 24 Nov 2026 07:00:00 +0000');
    expect(headerValue(headers, 'Message-ID')).toBe(result.messageId);
    expect(parts).toHaveLength(2);
    expect(await readFile(join(dir, '20261124T070000.123Z-briefing-2026-11-24.html'), 'utf8')).toBe('<p>html body</p>');
  });

  it('names the file from the subject when there is no tag', async () => {
    const result = await createOutboxMailer(root, { now: fixedNow }).send(message());

    expect(result.location).toBe(join(root, '20261124T070000.123Z-political-developments-tue-24-nov-41-items.eml'));
  });

  it('does not overwrite when two messages are sent in the same millisecond', async () => {
    const mailer = createOutboxMailer(root, { now: fixedNow });

    const [a, b] = await Promise.all([
      mailer.send(message({ tag: 'alert', html: '<p>first</p>' })),
      mailer.send(message({ tag: 'alert', html: '<p>second</p>' })),
    ]);
    const c = await mailer.send(message({ tag: 'alert', html: '<p>third</p>' }));

    const locations = [a.location, b.location, c.location];
    expect(new Set(locations).size).toBe(3);
    const files = await readdir(root);
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(3);
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(3);
    const htmls = await Promise.all(locations.map((l) => readFile(l!.replace(/\.eml$/, '.html'), 'utf8')));
    expect(htmls.sort()).toEqual(['<p>first</p>', '<p>second</p>', '<p>third</p>']);
  });

  it('keeps a hostile tag inside the outbox folder', async () => {
    const result = await createOutboxMailer(root, { now: fixedNow }).send(message({ tag: '../../etc/passwd' }));

    expect(dirname(result.location!)).toBe(root);
    expect(result.location).toBe(join(root, '20261124T070000.123Z-etc-passwd.eml'));
  });
});
