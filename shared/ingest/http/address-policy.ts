/**
 * Which IP addresses Despatch may connect to. Feed URLs come from configuration and from redirects
 * chosen by remote servers, so a URL must never reach the Lambda's own network: loopback, private
 * ranges, link-local, or the cloud metadata and credential endpoints (the classic SSRF targets).
 *
 * Addresses are parsed to bytes here rather than matched as strings, so every spelling of an
 * address (IPv4-mapped IPv6, compressed zeros, NAT64, 6to4) is judged by what it connects to.
 */
import { isIP } from 'node:net';

export type AddressVerdict =
  | { kind: 'public' }
  /** Never allowed, even when private hosts are: the instance's credentials live there. */
  | { kind: 'metadata'; label: string }
  /** Allowed only with `allowPrivateHosts` (local development against a feed on this machine). */
  | { kind: 'non-public'; label: string };

interface Range {
  bytes: number[];
  bits: number;
  label: string;
}

const METADATA_LABEL = 'a cloud metadata address';

/** AWS, GCP, Azure and Oracle instance metadata; ECS and EKS credential endpoints; Alibaba metadata. */
const METADATA_ADDRESSES = ['169.254.169.254', '169.254.170.2', '169.254.170.23', '100.100.100.200', 'fd00:ec2::254', 'fd00:ec2::23'];

const IPV4_RANGES: Range[] = [
  range('0.0.0.0', 8, 'an unspecified ("this network") address'),
  range('10.0.0.0', 8, 'a private address'),
  range('100.64.0.0', 10, 'a shared (carrier-grade NAT) address'),
  range('127.0.0.0', 8, 'a loopback address'),
  range('169.254.0.0', 16, 'a link-local address'),
  range('172.16.0.0', 12, 'a private address'),
  range('192.0.0.0', 24, 'a reserved address'),
  range('192.0.2.0', 24, 'a documentation-only address'),
  range('192.88.99.0', 24, 'a reserved address'),
  range('192.168.0.0', 16, 'a private address'),
  range('198.18.0.0', 15, 'a reserved (benchmarking) address'),
  range('198.51.100.0', 24, 'a documentation-only address'),
  range('203.0.113.0', 24, 'a documentation-only address'),
  range('224.0.0.0', 4, 'a multicast address'),
  range('240.0.0.0', 4, 'a reserved address'),
];

const IPV6_RANGES: Range[] = [
  range('64:ff9b:1::', 48, 'a private (local NAT64) address'),
  range('100::', 64, 'a reserved (discard) address'),
  range('2001::', 23, 'a reserved address'),
  range('2001:db8::', 32, 'a documentation-only address'),
  range('3fff::', 20, 'a documentation-only address'),
  range('fc00::', 7, 'a unique-local (private) address'),
  range('fe80::', 10, 'a link-local address'),
  range('fec0::', 10, 'a site-local (private) address'),
  range('ff00::', 8, 'a multicast address'),
  range('::', 8, 'a reserved address'),
];

/** IPv6 forms that carry an IPv4 address: the connection really goes to that IPv4 address. */
const EMBEDDED_IPV4: { bytes: number[]; bits: number; offset: number }[] = [
  { ...prefix('::ffff:0:0', 96), offset: 12 }, // IPv4-mapped
  { ...prefix('::ffff:0:0:0', 96), offset: 12 }, // IPv4-translated (SIIT)
  { ...prefix('64:ff9b::', 96), offset: 12 }, // NAT64
  { ...prefix('2002::', 16), offset: 2 }, // 6to4
  { ...prefix('::', 96), offset: 12 }, // IPv4-compatible (deprecated); :: and ::1 are handled first
];

const METADATA_BYTES = METADATA_ADDRESSES.map((a) => parseIp(a) ?? []);

/** Classifies an IP address (either family). Anything that is not a valid IP address is refused. */
export function classifyAddress(address: string): AddressVerdict {
  const bytes = parseIp(address);
  if (!bytes) return { kind: 'non-public', label: 'not a valid IP address' };
  return bytes.length === 4 ? classifyV4(bytes) : classifyV6(bytes);
}

function classifyV4(bytes: number[]): AddressVerdict {
  if (METADATA_BYTES.some((m) => sameBytes(m, bytes))) return { kind: 'metadata', label: METADATA_LABEL };
  const found = IPV4_RANGES.find((r) => matches(bytes, r));
  return found ? { kind: 'non-public', label: found.label } : { kind: 'public' };
}

function classifyV6(bytes: number[]): AddressVerdict {
  if (METADATA_BYTES.some((m) => sameBytes(m, bytes))) return { kind: 'metadata', label: METADATA_LABEL };
  if (bytes.every((b) => b === 0)) return { kind: 'non-public', label: 'an unspecified address' };
  if (bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1) return { kind: 'non-public', label: 'a loopback address' };
  const embedding = EMBEDDED_IPV4.find((e) => matches(bytes, e));
  if (embedding) return classifyV4(bytes.slice(embedding.offset, embedding.offset + 4));
  const found = IPV6_RANGES.find((r) => matches(bytes, r));
  return found ? { kind: 'non-public', label: found.label } : { kind: 'public' };
}

/** Dotted-quad IPv4 (4 bytes) or IPv6 (16 bytes); undefined for anything else. */
export function parseIp(text: string): number[] | undefined {
  const bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return bare.split('.').map(Number);
  if (family === 6) return parseIpv6(bare.toLowerCase());
  return undefined;
}

function parseIpv6(text: string): number[] | undefined {
  const withHexTail = replaceDottedTail(text);
  if (withHexTail === undefined) return undefined;
  const [head = '', tail] = withHexTail.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return undefined;
  const groups = [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return groups.flatMap((group) => {
    const value = Number.parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

/** "::ffff:1.2.3.4" → "::ffff:102:304", so the group arithmetic above handles every form. */
function replaceDottedTail(text: string): string | undefined {
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (!last.includes('.')) return text;
  if (isIP(last) !== 4) return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = last.split('.').map(Number);
  return `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

function matches(bytes: number[], block: { bytes: number[]; bits: number }): boolean {
  if (bytes.length !== block.bytes.length) return false;
  for (let bit = 0; bit < block.bits; bit += 8) {
    const take = Math.min(8, block.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((block.bytes[index] ?? 0) & mask)) return false;
  }
  return true;
}

function sameBytes(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function prefix(address: string, bits: number): { bytes: number[]; bits: number } {
  const bytes = parseIp(address);
  if (!bytes) throw new Error(`bad range in address policy: ${address}`);
  return { bytes, bits };
}

function range(address: string, bits: number, label: string): Range {
  return { ...prefix(address, bits), label };
}
