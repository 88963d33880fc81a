import { describe, expect, it } from 'vitest';
import { composeMime, EmailCompositionError, type EmailMessage } from '../../../../shared/deliver/email/message.js';
import { headerValue, readMime } from './mime-helpers.js';

const message = (over: Partial<EmailMessage> = {}): EmailMessage => ({
  from: 'Despatch <despatch@exampleton.gov.uk>',
  to: ['mayors.office@exampleton.gov.uk', 'comms@exampleton.gov.uk'],
  subject: 'Political developments — Tue 24 Nov: £4m row, 3 sensitive',
  text: 'Sensitive coverage (3)\n======================\n\n* Council sets aside £4m — “repairs”',
  html: '<!DOCTYPE html><html lang="en-GB"><body><h1>Political developments — £4m</h1></body></html>',
  ...over,
});

describe('composeMime', () => {
  it('builds multipart/alternative with the text part first and the HTML part last', async () => {
    // Act
    const raw = await composeMime(message(), { date: new Date('2026-11-24T07:00:00Z') });

    // Assess
    const { headers, parts } = readMime(raw);
    expect(headerValue(headers, 'Content-Type')).toMatch(/^multipart\/alternative;/);
    expect(headerValue(headers, 'MIME-Version')).toBe('1.0');
    expect(parts).toHaveLength(2);
    expect(parts[0]!.headers).toMatch(/text\/plain; charset=utf-8/i);
    expect(parts[0]!.body).toBe(message().text.replace(/\n/g, '\r\n'));
    expect(parts[1]!.headers).toMatch(/text\/html; charset=utf-8/i);
    expect(parts[1]!.body).toContain('<h1>Political developments — £4m</h1>');
  });

  it('encodes a UTF-8 subject with "—" and "£" as encoded-words that decode back exactly', async () => {
    const raw = await composeMime(message());

    const { headers } = readMime(raw);
    const subjectLine = /^Subject:.*(?:\r\n[ \t].*)*/m.exec(headers)?.[0] ?? '';
    expect(subjectLine).toMatch(/=\?UTF-8\?[QB]\?/i);
    expect(/[^\x20-\x7e\r\n\t]/.test(subjectLine)).toBe(false); // nothing but ASCII on the wire
    expect(headerValue(headers, 'Subject')).toBe(message().subject);
  });

  it('writes From, To, Reply-To, Date, Message-ID and the caller’s own headers', async () => {
    const raw = await composeMime(message({ replyTo: 'pa@exampleton.gov.uk', headers: { 'X-Despatch-Kind': 'briefing' } }), {
      date: new Date('2026-11-24T07:00:00Z'),
    });

    const { headers } = readMime(raw);
    expect(headerValue(headers, 'From')).toBe('Despatch <despatch@exampleton.gov.uk>');
    expect(headerValue(headers, 'To')).toBe('mayors.office@exampleton.gov.uk, comms@exampleton.gov.uk');
    expect(headerValue(headers, 'Reply-To')).toBe('pa@exampleton.gov.uk');
    expect(headerValue(headers, 'Date')).toBe('Tue, 24 Nov 2026 07:00:00 +0000');
    expect(headerValue(headers, 'Message-ID')).toMatch(/^<[^@\s]+@exampleton\.gov\.uk>$/);
    expect(headerValue(headers, 'X-Despatch-Kind')).toBe('briefing');
  });

  it('uses CRLF line ends throughout, as RFC 5322 requires', async () => {
    const raw = (await composeMime(message())).toString('latin1');

    expect(raw).toContain('\r\n');
    expect(/[^\r]\n/.test(raw)).toBe(false);
  });

  it('keeps a subject with a line break on one header line, so it cannot add headers', async () => {
    const raw = await composeMime(message({ subject: 'Sensitive: row\r\nBcc: someone@evil.example' }));

    const { headers } = readMime(raw);
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(headerValue(headers, 'Subject')).toBe('Sensitive: row Bcc: someone@evil.example');
  });

  it('refuses a custom header with a line break, a reserved name, or no recipients', async () => {
    await expect(composeMime(message({ headers: { 'X-Tag': 'a\r\nBcc: x@evil.example' } }))).rejects.toThrow(EmailCompositionError);
    await expect(composeMime(message({ headers: { 'Content-Type': 'text/plain' } }))).rejects.toThrow(/set by the composer/);
    await expect(composeMime(message({ headers: { 'Bad Name': 'x' } }))).rejects.toThrow(/not a valid field name/);
    await expect(composeMime(message({ to: [] }))).rejects.toThrow(/no recipients/);
  });
});
