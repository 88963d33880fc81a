/**
 * Bytes → text without mojibake. Order of evidence: byte-order mark, then the byte pattern of
 * UTF-16/32 "<", then the HTTP Content-Type charset, then the XML declaration, else UTF-8 when the
 * bytes are valid UTF-8, else windows-1252 (what "Latin-1" feeds really are).
 *
 * Two corrections for what publishers get wrong: a document declared as a single-byte charset whose
 * bytes are in fact valid, non-ASCII UTF-8 is read as UTF-8; and one declared UTF-8 whose bytes are
 * not is read as windows-1252 unless it is mostly valid UTF-8 with a few broken bytes.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type EncodingEvidence = 'bom' | 'byte-pattern' | 'http-header' | 'xml-declaration' | 'html-meta' | 'utf-8-bytes' | 'fallback';

export interface EncodingChoice {
  /** An iconv-lite encoding name. */
  encoding: string;
  evidence: EncodingEvidence;
  /** Bytes to skip before decoding (the BOM). */
  skip: number;
}

const BOMS: { bytes: number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'utf-32be' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** "<" in each wide encoding: a document with no BOM can still only start with markup or spaces. */
const WIDE_PATTERNS: { bytes: number[]; encoding: string }[] = [
  { bytes: [0x00, 0x00, 0x00, 0x3c], encoding: 'utf-32be' },
  { bytes: [0x3c, 0x00, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0x00, 0x3c], encoding: 'utf-16be' },
  { bytes: [0x3c, 0x00], encoding: 'utf-16le' },
];

const WIDE_ENCODING = /^(utf-?16|utf-?32|ucs-?2|ucs-?4|unicode)/i;
/** Single-byte charsets: bytes that are valid non-ASCII UTF-8 are almost never text in these. */
const SINGLE_BYTE = /^(iso-?8859|windows-?125|cp-?125|latin|l[1-9]$|us-?ascii$|ascii$|koi8|mac)/i;
/** WHATWG maps these labels to windows-1252: servers say "ISO-8859-1" and send smart quotes. */
const WINDOWS_1252_LABELS = /^(iso-?8859-?1|latin-?1|l1|us-?ascii|ascii|iso_8859-1|cp819|ibm819)$/i;

/** Decodes a feed body to a string ready for the XML parser: no BOM, no encoding in the declaration. */
export function decodeFeedBody(body: Buffer, contentTypeHeader?: string): string {
  const choice = detectFeedEncoding(body, contentTypeHeader);
  const text = decodeBytes(body.subarray(choice.skip), choice.encoding);
  return dropEncodingDeclaration(text.replace(/^\uFEFF/, ''));
}

/**
 * iconv.decode, with UTF-8 (most feeds) read by Buffer#toString: iconv-lite reads UTF-8 through a
 * StringDecoder, several times slower for the same characters (U+FFFD for each bad sequence alike).
 * iconv-lite drops one leading byte-order mark from what it decodes; so does this.
 */
function decodeBytes(bytes: Buffer, encoding: string): string {
  if (encoding !== 'utf-8' && encoding !== 'utf8') return iconv.decode(bytes, encoding);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Which encoding `decodeFeedBody` will use, and why (for diagnostics and tests). */
export function detectFeedEncoding(body: Buffer, contentTypeHeader?: string): EncodingChoice {
  const bom = BOMS.find((b) => startsWith(body, b.bytes));
  if (bom) return { encoding: bom.encoding, evidence: 'bom', skip: bom.bytes.length };
  const wide = WIDE_PATTERNS.find((p) => startsWith(body, p.bytes));
  if (wide) return { encoding: wide.encoding, evidence: 'byte-pattern', skip: 0 };
  const header = usableLabel(charsetFromContentType(contentTypeHeader));
  if (header) return checkedAgainstBytes(body, header, 'http-header');
  const declared = usableLabel(encodingFromDeclaration(body));
  if (declared) return checkedAgainstBytes(body, declared, 'xml-declaration');
  return undeclared(body);
}

/**
 * Decodes a web page: BOM, then the HTTP charset, then a <meta charset> in the first 1024 bytes (as
 * browsers prescan), then the bytes themselves — with the same corrections as for feeds.
 */
export function decodeHtmlBody(body: Buffer, contentTypeHeader?: string): string {
  const choice = detectHtmlEncoding(body, contentTypeHeader);
  return decodeBytes(body.subarray(choice.skip), choice.encoding).replace(/^\uFEFF/, '');
}

export function detectHtmlEncoding(body: Buffer, contentTypeHeader?: string): EncodingChoice {
  const bom = BOMS.find((b) => startsWith(body, b.bytes));
  if (bom) return { encoding: bom.encoding, evidence: 'bom', skip: bom.bytes.length };
  const header = usableLabel(charsetFromContentType(contentTypeHeader));
  if (header) return checkedAgainstBytes(body, header, 'http-header');
  const meta = usableLabel(/<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(body.subarray(0, 1024).toString('latin1'))?.[1]);
  if (meta) return checkedAgainstBytes(body, meta, 'html-meta');
  return undeclared(body);
}

/** JSON is UTF-8 (RFC 8259); a BOM is skipped, and UTF-16 is honoured when a BOM says so. */
export function decodeJsonBody(body: Buffer): string {
  const bom = BOMS.find((b) => startsWith(body, b.bytes));
  return decodeBytes(body.subarray(bom?.bytes.length ?? 0), bom?.encoding ?? 'utf-8');
}

/** An encoding name we can use for an ASCII-compatible body; unknown or wide names count as absent. */
function usableLabel(label: string | undefined): string | undefined {
  if (!label || !iconv.encodingExists(label) || WIDE_ENCODING.test(label)) return undefined;
  return WINDOWS_1252_LABELS.test(label) ? 'windows-1252' : label.toLowerCase();
}

function checkedAgainstBytes(body: Buffer, encoding: string, evidence: EncodingEvidence): EncodingChoice {
  const isUtf8Label = /^utf-?8$/i.test(encoding);
  const utf8 = utf8Shape(body);
  if (isUtf8Label && !utf8.valid) return undeclared(body);
  if (!isUtf8Label && SINGLE_BYTE.test(encoding) && utf8.valid && utf8.sequences > 0) {
    return { encoding: 'utf-8', evidence: 'utf-8-bytes', skip: 0 };
  }
  return { encoding, evidence, skip: 0 };
}

function undeclared(body: Buffer): EncodingChoice {
  const utf8 = utf8Shape(body);
  if (utf8.valid || utf8.sequences > utf8.invalidBytes) return { encoding: 'utf-8', evidence: 'utf-8-bytes', skip: 0 };
  return { encoding: 'windows-1252', evidence: 'fallback', skip: 0 };
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  return contentType ? /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType)?.[1] : undefined;
}

function encodingFromDeclaration(body: Buffer): string | undefined {
  const head = body.subarray(0, 1024).toString('latin1');
  return /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head)?.[1];
}

/** The text is already decoded: an encoding left in the declaration would only mislead a parser. */
function dropEncodingDeclaration(text: string): string {
  return text.replace(/^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2/, '$1');
}

function startsWith(body: Buffer, bytes: number[]): boolean {
  return body.length >= bytes.length && bytes.every((b, i) => body[i] === b);
}

interface Utf8Shape {
  valid: boolean;
  /** Well-formed multi-byte sequences (for valid UTF-8, only whether there is any: 0 or 1). */
  sequences: number;
  invalidBytes: number;
}

/**
 * Counts well-formed multi-byte UTF-8 sequences and stray bytes, to tell UTF-8 from a legacy charset.
 * The count below is laxer than UTF-8 (it takes overlong and surrogate forms), so bytes that are
 * strictly valid UTF-8 are valid to it too: for those (nearly every feed) Node's native checks give
 * the same answer without the byte-by-byte walk; only what they refuse is counted.
 */
function utf8Shape(body: Buffer): Utf8Shape {
  if (isUtf8(body)) return { valid: true, sequences: isAscii(body) ? 0 : 1, invalidBytes: 0 };
  let sequences = 0;
  let invalidBytes = 0;
  for (let i = 0; i < body.length;) {
    const lead = body[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const length = sequenceLength(lead);
    if (length > 0 && continuationBytes(body, i + 1, length - 1)) {
      sequences += 1;
      i += length;
    } else {
      invalidBytes += 1;
      i += 1;
    }
  }
  return { valid: invalidBytes === 0, sequences, invalidBytes };
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function continuationBytes(body: Buffer, from: number, count: number): boolean {
  if (from + count > body.length) return false;
  for (let i = from; i < from + count; i += 1) {
    if (((body[i] ?? 0) & 0xc0) !== 0x80) return false;
  }
  return true;
}
