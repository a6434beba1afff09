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
  /**
   * Most signatures kept at once. Expired ones are forgotten as soon as their
   * window is over; if it is still full, the one that expires first is
   * forgotten (a copy of it would then pass). Default 10,000.
   */
  maxEntries?: number;
  /** How long after its timestamp a signature is kept. Default 5 minutes, the whole v3 window. */
  windowMs?: number;
  /**
   * Called once, the first time the guard is full of signatures that can still
   * verify and has to forget one: from then on some copies would be accepted.
   */
  onFull?: () => void;
  /** Clock in ms (tests). */
  now?: () => number;
}

export const DEFAULT_REPLAY_MAX_ENTRIES = 10_000;

interface Entry {
  readonly signature: string;
  readonly expiresAt: number;
  /** Arrival number: of two that expire together, the earlier arrival goes first. */
  readonly order: number;
}

/** True if `a` is to be forgotten before `b`. */
function before(a: Entry, b: Entry): boolean {
  return a.expiresAt < b.expiresAt || (a.expiresAt === b.expiresAt && a.order < b.order);
}

/**
 * Signatures by expiry, earliest first. Requests mostly arrive in timestamp
 * order, so most entries go to a plain FIFO (O(1) in and out); the few that
 * arrive out of order go to a binary heap.
 */
class ExpiryQueue {
  #fifo: Entry[] = [];
  #head = 0;
  #heap: Entry[] = [];

  push(entry: Entry): void {
    const last = this.#fifo[this.#fifo.length - 1];
    if (last === undefined || entry.expiresAt >= last.expiresAt) {
      this.#fifo.push(entry);
    } else {
      heapPush(this.#heap, entry);
    }
  }

  /** The entry that expires first, or undefined when empty. */
  peek(): Entry | undefined {
    const fromFifo = this.#fifo[this.#head];
    const fromHeap = this.#heap[0];
    if (fromHeap !== undefined && (fromFifo === undefined || before(fromHeap, fromFifo))) return fromHeap;
    return fromFifo;
  }

  /** Removes and returns the entry that expires first. */
  shift(): Entry | undefined {
    const first = this.peek();
    if (first === undefined) return undefined;
    if (first === this.#heap[0]) return heapPop(this.#heap);
    this.#head++;
    // Drop the consumed front now and then, so the array does not grow forever.
    if (this.#head === this.#fifo.length) {
      this.#fifo = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#fifo.length) {
      this.#fifo = this.#fifo.slice(this.#head);
      this.#head = 0;
    }
    return first;
  }
}

function heapPush(heap: Entry[], entry: Entry): void {
  let index = heap.push(entry) - 1;
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (!before(entry, heap[parent]!)) break;
    heap[index] = heap[parent]!;
    index = parent;
  }
  heap[index] = entry;
}

function heapPop(heap: Entry[]): Entry | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  let index = 0;
  for (;;) {
    let child = 2 * index + 1;
    if (child >= heap.length) break;
    if (child + 1 < heap.length && before(heap[child + 1]!, heap[child]!)) child++;
    if (!before(heap[child]!, last)) break;
    heap[index] = heap[child]!;
    index = child;
  }
  heap[index] = last;
  return top;
}

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
  const { onFull } = options;
  if (onFull !== undefined && typeof onFull !== 'function') throw new TypeError('onFull must be a function, or left out');

  /** Signatures whose window is not over; `queue` holds them by expiry. */
  const remembered = new Set<string>();
  const queue = new ExpiryQueue();
  let toldFull = false;
  let arrivals = 0;

  const forgetFirst = (): void => {
    const first = queue.shift();
    if (first !== undefined) remembered.delete(first.signature);
  };

  return (signature, timestamp) => {
    const at = now();
    // Every expired signature goes, wherever it arrived: the queue is in expiry order.
    while ((queue.peek()?.expiresAt ?? at) < at) forgetFirst();
    if (remembered.has(signature)) return true;
    const expiresAt = (Number.isFinite(timestamp) ? timestamp : at) + windowMs;
    // Already over: it cannot verify any more, so there is nothing to guard.
    if (expiresAt < at) return false;
    // Full of signatures that still verify: drop the one closest to its end rather than refuse valid requests.
    const full = remembered.size >= maxEntries;
    if (full) forgetFirst();
    remembered.add(signature);
    queue.push({ signature, expiresAt, order: arrivals++ });
    if (full && !toldFull) {
      toldFull = true;
      onFull?.();
    }
    return false;
  };
}
