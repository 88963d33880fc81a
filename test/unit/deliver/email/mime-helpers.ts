/** Just enough MIME reading for the tests to look at what a mail client would show. */

export interface ParsedPart {
  headers: string;
  body: string;
}

/** Splits a raw message into its top-level headers and its multipart/alternative parts, decoded. */
export function readMime(raw: Buffer | Uint8Array): { headers: string; parts: ParsedPart[] } {
  const text = Buffer.from(raw).toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const headers = text.slice(0, split);
  const boundary = /boundary="([^"]+)"/.exec(headers)?.[1];
  if (!boundary) return { headers, parts: [] };
  const chunks = text.split(`--${boundary}`).slice(1, -1);
  const parts = chunks.map((chunk) => {
    const body = chunk.replace(/^\r\n/, '');
    const end = body.indexOf('\r\n\r\n');
    const partHeaders = body.slice(0, end);
    const encoded = body.slice(end + 4).replace(/\r\n$/, '');
    const decoded = /quoted-printable/i.test(partHeaders)
      ? decodeQuotedPrintable(encoded)
      : /base64/i.test(partHeaders)
        ? Buffer.from(encoded, 'base64').toString('utf8')
        : Buffer.from(encoded, 'latin1').toString('utf8');
    return { headers: partHeaders, body: decoded };
  });
  return { headers, parts };
}

export function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const unfolded = s.replace(/=\r\n/g, '');
  for (let i = 0; i < unfolded.length; i += 1) {
    const ch = unfolded[i]!;
    const hex = unfolded.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(ch.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The value of one header, unfolded, with RFC 2047 encoded-words decoded. */
export function headerValue(headers: string, name: string): string | undefined {
  const unfolded = headers.replace(/\r\n[ \t]/g, ' ');
  const line = unfolded.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (line === undefined) return undefined;
  const value = line.slice(name.length + 1).trim();
  // Whitespace between adjacent encoded-words is not part of the text (RFC 2047 section 6.2).
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
