// The in-memory replay guard that the webhook uses by default.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_SIGNATURE_AGE_MS, createMemoryReplayGuard } from '../../dist/server/index.js';

const T = 1_714_478_460_000;

/** A guard on a clock the test moves by hand. */
function guardAt(start, options = {}) {
  const clock = { now: start };
  const seen = createMemoryReplayGuard({ now: () => clock.now, ...options });
  return { seen, clock };
}

describe('createMemoryReplayGuard', { timeout: 5000 }, () => {
  test('false the first time, true for the same signature again', () => {
    const { seen } = guardAt(T);
    assert.equal(seen('sig-a', T), false);
    assert.equal(seen('sig-a', T), true);
    assert.equal(seen('sig-a', T), true);
    assert.equal(seen('sig-b', T), false);
  });

  test('remembers a signature for as long as its timestamp can still verify', () => {
    const { seen, clock } = guardAt(T);
    assert.equal(seen('sig', T), false);
    clock.now = T + MAX_SIGNATURE_AGE_MS; // the last moment the request verifies
    assert.equal(seen('sig', T), true);
    // A timestamp 4 minutes ahead is valid until 9 minutes from now.
    assert.equal(seen('ahead', T + 4 * 60_000), false);
    clock.now = T + 4 * 60_000 + MAX_SIGNATURE_AGE_MS;
    assert.equal(seen('ahead', T + 4 * 60_000), true);
  });

  test('forgets a signature once its window is over', () => {
    const { seen, clock } = guardAt(T, { maxEntries: 3 });
    seen('old', T);
    clock.now = T + MAX_SIGNATURE_AGE_MS + 1;
    // By now the verifier refuses the request as stale anyway; the memory is freed.
    assert.equal(seen('old', T), false);
  });

  test('is bounded: beyond maxEntries the oldest are forgotten first', () => {
    const { seen } = guardAt(T, { maxEntries: 2 });
    assert.equal(seen('a', T), false);
    assert.equal(seen('b', T), false);
    assert.equal(seen('c', T), false); // drops "a"
    assert.equal(seen('b', T), true);
    assert.equal(seen('c', T), true);
    assert.equal(seen('a', T), false);
  });

  test('rejects unusable options with a message that says what to pass', () => {
    assert.throws(() => createMemoryReplayGuard({ maxEntries: 0 }), /maxEntries must be a positive integer \(got 0\)/);
    assert.throws(() => createMemoryReplayGuard({ maxEntries: NaN }), /maxEntries must be a positive integer/);
    assert.throws(() => createMemoryReplayGuard({ windowMs: Infinity }), /windowMs must be a finite number/);
    assert.throws(() => createMemoryReplayGuard({ windowMs: -1 }), /windowMs must be a finite number/);
    assert.throws(() => createMemoryReplayGuard({ now: 5 }), /now must be a function/);
  });
});
