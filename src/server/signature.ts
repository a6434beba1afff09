/**
 * Verification of HubSpot's request signatures (v1, v2, v3).
 *
 * `verifySignatureV*` answer a plain boolean, so `if (!verifySignatureV3(...))`
 * means what it says. `checkSignatureV*` run the same check and say *why* a
 * request failed, for logs: `{ ok: true }` or `{ ok: false, reason, detail? }`.
 * None of them throws for bad input; bad input fails.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { describeValue, isRecord } from './json.js';

export type SignatureFailureReason =
  | 'missing-secret'
  | 'missing-signature'
  | 'missing-timestamp'
  | 'invalid-timestamp'
  | 'stale-timestamp'
  | 'future-timestamp'
  | 'invalid-input'
  | 'mismatch';

export type SignatureCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: SignatureFailureReason;
      /** For `invalid-input`: which value was unusable and what to pass instead. */
      readonly detail?: string;
    };

/** Raw request body exactly as received. Strings are taken as UTF-8. */
export type SignedBody = string | Uint8Array;

/** HubSpot rejects nothing older than this; we use the same window. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

export interface SignatureV3Input {
  /** HTTP method, e.g. `POST`. Upper-cased before signing. */
  method: string;
  /** Full request URL as HubSpot called it: https://host/path?query. */
  url: string;
  /** Raw body; empty string when there is none. */
  body: SignedBody;
  /** `X-HubSpot-Request-Timestamp` header: Unix time in milliseconds. */
  timestamp: string | number | null | undefined;
  /** `X-HubSpot-Signature-v3` header (Base64). */
  signature: string | null | undefined;
  /** The app's client secret. */
  clientSecret: string;
  /** Current time in ms; injectable for tests. Must be a finite number >= 0. */
  now?: number;
  /** Accepted clock difference either way. Default 5 minutes. Must be a finite number >= 0. */
  maxAgeMs?: number;
}

export interface SignatureV2Input {
  method: string;
  url: string;
  body: SignedBody;
  /** `X-HubSpot-Signature` header (hex) when `X-HubSpot-Signature-Version` is v2. */
  signature: string | null | undefined;
  clientSecret: string;
}

export interface SignatureV1Input {
  body: SignedBody;
  /** `X-HubSpot-Signature` header (hex) when `X-HubSpot-Signature-Version` is v1. */
  signature: string | null | undefined;
  clientSecret: string;
}

// HubSpot's v3 instructions list exactly these escapes to decode in the URI before signing.
const V3_DECODED_ESCAPES: Readonly<Record<string, string>> = {
  '3A': ':',
  '2F': '/',
  '3F': '?',
  '40': '@',
  '21': '!',
  '24': '$',
  '27': "'",
  '28': '(',
  '29': ')',
  '2A': '*',
  '2C': ',',
  '3B': ';',
};
const V3_ESCAPE_PATTERN = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/**
 * The URI form that v3 signs: the listed escapes decoded (hex digits in either
 * case), every other escape (%20, %26, %3D, %25 ...) left untouched.
 */
export function normalizeUriForSignatureV3(url: string): string {
  return url.replace(V3_ESCAPE_PATTERN, (_, hex: string) => V3_DECODED_ESCAPES[hex.toUpperCase()] ?? `%${hex}`);
}

function toBytes(body: SignedBody): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** Base64 HMAC-SHA256 of method + URI + body + timestamp, keyed with the client secret. */
export function computeSignatureV3(input: {
  method: string;
  url: string;
  body: SignedBody;
  timestamp: string | number;
  clientSecret: string;
}): string {
  return createHmac('sha256', input.clientSecret)
    .update(`${input.method.toUpperCase()}${normalizeUriForSignatureV3(input.url)}`, 'utf8')
    .update(toBytes(input.body))
    .update(String(input.timestamp), 'utf8')
    .digest('base64');
}

/** Hex SHA-256 of clientSecret + method + URI + body. */
export function computeSignatureV2(input: { method: string; url: string; body: SignedBody; clientSecret: string }): string {
  return createHash('sha256')
    .update(`${input.clientSecret}${input.method.toUpperCase()}${input.url}`, 'utf8')
    .update(toBytes(input.body))
    .digest('hex');
}

/** Hex SHA-256 of clientSecret + body. */
export function computeSignatureV1(input: { body: SignedBody; clientSecret: string }): string {
  return createHash('sha256').update(input.clientSecret, 'utf8').update(toBytes(input.body)).digest('hex');
}

/** Constant-time string comparison that tolerates different lengths. */
function safeEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  // The expected length is public (fixed by the digest), so an early exit leaks nothing.
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

const FAIL = (reason: SignatureFailureReason): SignatureCheck => ({ ok: false, reason });
const INVALID = (detail: string): SignatureCheck => ({ ok: false, reason: 'invalid-input', detail });
const OK: SignatureCheck = { ok: true };

/** Runs a digest comparison; malformed input (wrong types) counts as a failure, never a throw. */
function compare(expected: () => string, received: string, caseInsensitive: boolean): SignatureCheck {
  let digest: string;
  try {
    digest = expected();
  } catch {
    return INVALID('method, url and body must be strings (body may be a Uint8Array)');
  }
  const text = caseInsensitive ? received.trim().toLowerCase() : received.trim();
  return safeEqual(digest, text) ? OK : FAIL('mismatch');
}

function precheck(clientSecret: unknown, signature: unknown): SignatureCheck | undefined {
  if (typeof clientSecret !== 'string' || clientSecret === '') return FAIL('missing-secret');
  if (typeof signature !== 'string' || signature === '') return FAIL('missing-signature');
  return undefined;
}

/**
 * A clock or window option as a usable number, or a failure. Only `undefined`
 * means "use the default": NaN (say `Number(process.env.UNSET)`), Infinity or a
 * negative value would silently widen the window, so they fail instead.
 */
function msOption(name: string, value: unknown, fallback: () => number): number | SignatureCheck {
  if (value === undefined) return fallback();
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  return INVALID(
    `${name} must be a finite number of milliseconds >= 0 (got ${describeValue(value)}); leave it out for the default`,
  );
}

/**
 * The timestamp as header text, or a failure. A string is header text and must
 * be all digits (`invalid-timestamp` otherwise); a number is the caller's own
 * conversion and must be a safe integer >= 0 (`invalid-input` otherwise).
 */
function timestampText(raw: unknown): string | SignatureCheck {
  if (raw === undefined || raw === null || raw === '') return FAIL('missing-timestamp');
  if (typeof raw === 'number') {
    if (Number.isSafeInteger(raw) && raw >= 0) return String(raw);
    return INVALID(
      `timestamp must be whole milliseconds >= 0 (got ${describeValue(raw)}); ` +
        'pass the X-HubSpot-Request-Timestamp header text as is',
    );
  }
  if (typeof raw !== 'string') {
    return INVALID(`timestamp must be the X-HubSpot-Request-Timestamp header text (got ${describeValue(raw)})`);
  }
  const text = raw.trim();
  return /^[0-9]{1,16}$/.test(text) ? text : FAIL('invalid-timestamp');
}

/**
 * Checks `X-HubSpot-Signature-v3` and says why it failed. Rejects timestamps
 * more than `maxAgeMs` (5 minutes) old, and also more than `maxAgeMs` in the
 * future: a far-future timestamp would let a captured request be replayed for
 * longer. Within the window a copied request verifies again; the webhook's
 * `seen` hook closes that gap.
 */
export function checkSignatureV3(input: SignatureV3Input): SignatureCheck {
  if (!isRecord(input)) return INVALID('pass an object: { method, url, body, timestamp, signature, clientSecret }');
  const early = precheck(input.clientSecret, input.signature);
  if (early) return early;
  const text = timestampText(input.timestamp);
  if (typeof text !== 'string') return text;
  const now = msOption('now', input.now, Date.now);
  if (typeof now !== 'number') return now;
  const maxAge = msOption('maxAgeMs', input.maxAgeMs, () => MAX_SIGNATURE_AGE_MS);
  if (typeof maxAge !== 'number') return maxAge;
  const timestamp = Number(text);
  if (now - timestamp > maxAge) return FAIL('stale-timestamp');
  if (timestamp - now > maxAge) return FAIL('future-timestamp');
  const expected = (): string =>
    computeSignatureV3({
      method: input.method,
      url: input.url,
      body: input.body,
      // Sign the header text as sent, not a re-serialised number.
      timestamp: text,
      clientSecret: input.clientSecret,
    });
  return compare(expected, input.signature as string, false);
}

/** Checks a v2 `X-HubSpot-Signature` and says why it failed. No timestamp, so no replay protection. */
export function checkSignatureV2(input: SignatureV2Input): SignatureCheck {
  if (!isRecord(input)) return INVALID('pass an object: { method, url, body, signature, clientSecret }');
  const early = precheck(input.clientSecret, input.signature);
  if (early) return early;
  return compare(() => computeSignatureV2(input), input.signature as string, true);
}

/** Checks a v1 `X-HubSpot-Signature` and says why it failed. No timestamp, so no replay protection. */
export function checkSignatureV1(input: SignatureV1Input): SignatureCheck {
  if (!isRecord(input)) return INVALID('pass an object: { body, signature, clientSecret }');
  const early = precheck(input.clientSecret, input.signature);
  if (early) return early;
  return compare(() => computeSignatureV1(input), input.signature as string, true);
}

// The plain verdicts. `=== true` on purpose: only a passed check is a yes.

/** True only for a valid v3 signature with a timestamp within 5 minutes. `checkSignatureV3` says why not. */
export function verifySignatureV3(input: SignatureV3Input): boolean {
  return checkSignatureV3(input).ok === true;
}

/** True only for a valid v2 signature. Use `checkSignatureV2` to log why not. */
export function verifySignatureV2(input: SignatureV2Input): boolean {
  return checkSignatureV2(input).ok === true;
}

/** True only for a valid v1 signature. Use `checkSignatureV1` to log why not. */
export function verifySignatureV1(input: SignatureV1Input): boolean {
  return checkSignatureV1(input).ok === true;
}
