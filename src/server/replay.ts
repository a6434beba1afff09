/**
 * Replay protection for v3-signed requests.
 *
 * A v3 signature covers a timestamp, so a copied request stops verifying
 * 5 minutes after it was signed, but inside that window it verifies again.
 * A `seen` hook remembers signatures for the window and refuses a second use.
 */
import { MAX_SIGNATURE_AGE_MS } from './signature.js';

/**
 * Records `signature` and answers `true` if it had been recorded before (a
 * replay), `false` the first time. `timestamp` is the request's
 * `X-HubSpot-Request-Timestamp` in ms: the request stays valid until
 * `timestamp + MAX_SIGNATURE_AGE_MS`, so it must be remembered that long.
 * Check and record in one step (Redis: `SET key 1 NX PXAT timestamp+300000`),
 * or two parallel copies can both pass.
 */
export type SeenSignature = (signature: string, timestamp: number) => boolean | Promise<boolean>;

export interface MemoryReplayGuardOptions {
  /** Most signatures kept at once. Beyond it the oldest are forgotten first. Default 10,000. */
  maxEntries?: number;
  /** How long after its timestamp a signature is kept. Default 5 minutes, the whole v3 window. */
  windowMs?: number;
  /** Clock in ms (tests). */
  now?: () => number;
}

export const DEFAULT_REPLAY_MAX_ENTRIES = 10_000;

/**
 * A `SeenSignature` that remembers signatures in this process's memory. It is
 * bounded (`maxEntries`) and forgets each signature once its window is over.
 * With several server processes, each only knows its own requests: share a
 * store such as Redis instead.
 */
export function createMemoryReplayGuard(options: MemoryReplayGuardOptions = {}): SeenSignature {
  const maxEntries = options.maxEntries ?? DEFAULT_REPLAY_MAX_ENTRIES;
  if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0) {
    throw new TypeError(`maxEntries must be a positive integer (got ${String(maxEntries)})`);
  }
  const windowMs = options.windowMs ?? MAX_SIGNATURE_AGE_MS;
  if (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs < 0) {
    throw new TypeError(`windowMs must be a finite number of milliseconds >= 0 (got ${String(windowMs)})`);
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new TypeError('now must be a function returning milliseconds');

  /** signature -> time (ms) after which it can no longer verify. Map keeps insertion order. */
  const expiries = new Map<string, number>();

  const forgetExpired = (at: number): void => {
    // Insertion order is close to expiry order, so the stale ones sit at the front.
    for (const [signature, expiresAt] of expiries) {
      if (expiresAt >= at) break;
      expiries.delete(signature);
    }
  };

  return (signature, timestamp) => {
    const at = now();
    forgetExpired(at);
    const known = expiries.get(signature);
    if (known !== undefined && known >= at) return true;
    expiries.delete(signature);
    // Full: drop the oldest rather than refuse new, valid requests.
    if (expiries.size >= maxEntries) {
      const oldest = expiries.keys().next();
      if (!oldest.done) expiries.delete(oldest.value);
    }
    const from = Number.isFinite(timestamp) ? timestamp : at;
    expiries.set(signature, from + windowMs);
    return false;
  };
}
