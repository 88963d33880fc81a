import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBody, detectFeedEncoding } from '../../../../shared/ingest/feeds/decode.js';

const rss = (title: string, declaration = '<?xml version="1.0"?>'): string =>
  `${declaration}<rss version="2.0"><channel><title>${title}</title></channel></rss>`;

describe('decodeFeedBody', () => {
  it('strips a UTF-8 byte-order mark and keeps the text', () => {
    // Prepare
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss('Café'))]);
    // Act
    const text = decodeFeedBody(body);
    // Assess
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain('<title>Café</title>');
  });

  it.each([
    ['utf-16le', true],
    ['utf-16be', true],
    ['utf-16be', false],
    ['utf-16le', false],
    ['utf-32be', true],
    ['utf-32le', true],
  ] as const)('reads %s (byte-order mark: %s)', (encoding, withBom) => {
    // Prepare
    const body = iconv.encode(rss('Mayor’s office — Łódź', `<?xml version="1.0" encoding="${encoding}"?>`), encoding, { addBOM: withBom });
    // Act
    const text = decodeFeedBody(body);
    // Assess
    expect(text).toBe(rss('Mayor’s office — Łódź'));
  });

  it('lets the HTTP charset override the XML declaration', () => {
    // Prepare: declared iso-8859-1, sent as windows-1252 with curly quotes (0x93/0x94) and a pound sign.
    const body = iconv.encode(rss('This is a £“test.”', "<?xml version='1.0' encoding='iso-8859-1'?>"), 'windows-1252');
    // Act
    const text = decodeFeedBody(body, 'text/xml; charset=windows-1252');
    // Assess
    expect(text).toContain('This is a £“test.”');
  });

  it('uses the XML declaration when the header has no charset, and removes it from the text', () => {
    // Prepare
    const body = iconv.encode(rss('Новости Оренбурга', '<?xml version="1.0" encoding="windows-1251"?>'), 'windows-1251');
    // Act
    const text = decodeFeedBody(body, 'text/xml');
    // Assess
    expect(text).toBe(rss('Новости Оренбурга', '<?xml version="1.0"?>'));
  });

  it('reads undeclared bytes that are not UTF-8 as windows-1252 (smart quotes included)', () => {
    // Prepare
    const body = iconv.encode('<rss><channel><title>Don’t panic: café</title></channel></rss>', 'windows-1252');
    // Act
    const text = decodeFeedBody(body);
    // Assess
    expect(text).toContain('Don’t panic: café');
    expect(text).not.toContain('\uFFFD');
  });

  it('prefers UTF-8 when a single-byte declaration is contradicted by valid UTF-8 bytes', () => {
    // Prepare
    const body = Buffer.from(rss('Café costs 5 €', '<?xml version="1.0" encoding="ISO-8859-1"?>'), 'utf8');
    // Act
    const text = decodeFeedBody(body);
    // Assess
    expect(text).toContain('Café costs 5 €');
  });

  it('falls back to windows-1252 when a UTF-8 declaration is contradicted by Latin-1 bytes', () => {
    // Prepare
    const body = iconv.encode(rss('Anaïs and Jürgen', '<?xml version="1.0" encoding="utf-8"?>'), 'latin1');
    // Act
    const text = decodeFeedBody(body, 'application/rss+xml; charset=utf-8');
    // Assess
    expect(text).toContain('Anaïs and Jürgen');
  });

  it('keeps mostly-UTF-8 text as UTF-8 when one byte is broken', () => {
    // Prepare
    const body = Buffer.concat([Buffer.from('<rss><channel><title>Mayor’s “plan” '), Buffer.from([0xa9]), Buffer.from('</title></channel></rss>')]);
    // Act
    const text = decodeFeedBody(body, 'text/xml; charset=utf-8');
    // Assess
    expect(text).toContain('Mayor’s “plan” \uFFFD');
  });

  it.each(['bogus', 'invalid', 'x-no-such-charset'])('treats the unknown encoding name "%s" as undeclared', (name) => {
    // Prepare
    const body = Buffer.from(rss('테스트 Café', `<?xml version="1.0" encoding="${name}"?>`), 'utf8');
    // Act
    const choice = detectFeedEncoding(body);
    const text = decodeFeedBody(body);
    // Assess
    expect(choice.encoding).toBe('utf-8');
    expect(text).toContain('테스트 Café');
    expect(text).not.toContain(name);
  });

  it('reports why it chose an encoding', () => {
    // Prepare
    const bom = Buffer.from([0xff, 0xfe, 0x3c, 0x00]);
    const header = Buffer.from('<rss/>');
    // Act
    const fromBom = detectFeedEncoding(bom, 'text/xml; charset=iso-8859-1');
    const fromHeader = detectFeedEncoding(header, 'text/xml; charset="windows-1252"');
    // Assess
    expect(fromBom).toEqual({ encoding: 'utf-16le', evidence: 'bom', skip: 2 });
    expect(fromHeader).toEqual({ encoding: 'windows-1252', evidence: 'http-header', skip: 0 });
  });
});
