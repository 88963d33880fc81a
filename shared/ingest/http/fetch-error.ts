/**
 * Why a fetch failed, in words the Mayor's office can act on ("TLS certificate expired", "HTTP 404
 * Not Found"), plus a code for programs. Every failure of `safeFetch` is one of these.
 */
import { STATUS_CODES } from 'node:http';

export type FetchErrorCode =
  | 'invalid-url'
  | 'blocked-scheme'
  | 'blocked-address'
  | 'insecure-redirect'
  | 'too-many-redirects'
  | 'host-not-found'
  | 'connection-refused'
  | 'connection-reset'
  | 'network'
  | 'timeout'
  | 'tls'
  | 'http-status'
  | 'too-large'
  | 'bad-response';

export class FetchError extends Error {
  /** Plain words for a non-technical user; also the message. */
  readonly reason: string;
  readonly code: FetchErrorCode;
  readonly httpStatus?: number;
  /** From Retry-After on 429/503: how long the server asked us to wait. */
  readonly retryAfterSeconds?: number;

  constructor(code: FetchErrorCode, reason: string, extra: { httpStatus?: number; retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(reason, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'FetchError';
    this.code = code;
    this.reason = reason;
    if (extra.httpStatus !== undefined) this.httpStatus = extra.httpStatus;
    if (extra.retryAfterSeconds !== undefined) this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  CERT_NOT_YET_VALID: 'TLS certificate is not valid yet (check the clock)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed (not issued by a trusted authority)',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain ends in a self-signed certificate that is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate could not be verified (the server sent an incomplete chain)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS certificate could not be verified (issuer unknown)',
  UNABLE_TO_GET_ISSUER_CERT: 'TLS certificate could not be verified (issuer unknown)',
  CERT_REVOKED: 'TLS certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'TLS certificate signature is invalid',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed (is this really an https server?)',
  EPROTO: 'TLS handshake failed',
};

const NETWORK_REASONS: Record<string, { code: FetchErrorCode; reason: string }> = {
  ENOTFOUND: { code: 'host-not-found', reason: 'host not found' },
  EAI_NONAME: { code: 'host-not-found', reason: 'host not found' },
  EAI_NODATA: { code: 'host-not-found', reason: 'host not found' },
  EAI_AGAIN: { code: 'host-not-found', reason: 'host not found (the name server did not answer; will retry)' },
  ECONNREFUSED: { code: 'connection-refused', reason: 'connection refused' },
  ECONNRESET: { code: 'connection-reset', reason: 'the server closed the connection unexpectedly' },
  EPIPE: { code: 'connection-reset', reason: 'the server closed the connection unexpectedly' },
  ETIMEDOUT: { code: 'timeout', reason: 'timed out while connecting' },
  ENETUNREACH: { code: 'network', reason: 'network unreachable' },
  EHOSTUNREACH: { code: 'network', reason: 'host unreachable' },
  Z_BUF_ERROR: { code: 'bad-response', reason: 'the response was cut off part-way (compressed data incomplete)' },
  Z_DATA_ERROR: { code: 'bad-response', reason: 'the response could not be decompressed (corrupt data)' },
  ERR_STREAM_PREMATURE_CLOSE: { code: 'connection-reset', reason: 'the server closed the connection before the response was complete' },
};

/** Maps a Node socket, DNS, TLS or zlib error to a FetchError with a plain reason. */
export function describeNetworkError(error: unknown): FetchError {
  if (error instanceof FetchError) return error;
  const code = errorCode(error);
  const tls = TLS_REASONS[code];
  if (tls) return new FetchError('tls', tls, { cause: error });
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return new FetchError('tls', 'TLS handshake failed', { cause: error });
  if (code.startsWith('HPE_')) return new FetchError('bad-response', 'the server sent an invalid HTTP response', { cause: error });
  const known = NETWORK_REASONS[code];
  if (known) return new FetchError(known.code, known.reason, { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new FetchError('network', `network error (${detail})`, { cause: error });
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return '';
}

/** "HTTP 404 Not Found"; on 429/503 with Retry-After, says how long the server asked us to wait. */
export function httpStatusError(status: number, retryAfterHeader: string | undefined, now: number): FetchError {
  const words = STATUS_CODES[status] ?? 'Unexpected status';
  const retryAfterSeconds = status === 429 || status === 503 ? parseRetryAfter(retryAfterHeader, now) : undefined;
  const wait = retryAfterSeconds === undefined ? '' : ` (the server asks us to wait ${retryAfterSeconds} s)`;
  return new FetchError('http-status', `HTTP ${status} ${words}${wait}`, { httpStatus: status, retryAfterSeconds });
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** 20000 → "20 s", 1500 → "1.5 s". */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** 5242880 → "5 MB", 1536 → "1.5 KB". Binary units, as the config's defaults are. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
