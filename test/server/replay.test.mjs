// The in-memory replay guard that the webhook uses by default: under load, at
// its bounds, and with timestamps spread over the whole accepted window.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_REPLAY_MAX_ENTRIES,
  MAX_SIGNATURE_AGE_MS,
  createMemoryReplayGuard,
  createPhoneNumbersWebhook,
} from '../../dist/server/index.js';
import { CLIENT_SECRET, hubspotV3Signature, listen, rawRequest, signedHeaders } from './helpers.mjs';

const T = 1_714_478_460_000;
const MIN = 60_000;

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

  test('is bounded: beyond maxEntries the one that expires first is forgotten (arrival order on a tie)', () => {
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
    assert.throws(() => createMemoryReplayGuard({ onFull: 'log' }), /onFull must be a function, or left out/);
  });
});

describe('createMemoryReplayGuard: when full, expired entries go before valid ones', { timeout: 10_000 }, () => {
  // A future-stamped signature arrives first; two past-stamped ones behind it expire
  // sooner. Once those are over, a full guard must drop them, not the one still valid.
  test('expired entries behind a still-valid one are swept before anything valid is dropped', () => {
    const { seen, clock } = guardAt(T, { maxEntries: 3 });
    assert.equal(seen('ahead', T + 4 * MIN), false); // valid until T + 9 min
    assert.equal(seen('old-1', T - 4 * MIN), false); // valid until T + 1 min
    assert.equal(seen('old-2', T - 4 * MIN), false); // valid until T + 1 min
    clock.now = T + 2 * MIN; // old-1 and old-2 are over; "ahead" still verifies for 7 minutes
    assert.equal(seen('fresh', T + 2 * MIN), false);
    assert.equal(seen('ahead', T + 4 * MIN), true, 'a still-verifiable signature was forgotten while expired ones were kept');
  });

  test('full of valid signatures: the one whose window ends first goes, whatever the arrival order', () => {
    const { seen } = guardAt(T, { maxEntries: 4 });
    seen('t+3', T + 3 * MIN);
    seen('t-2', T - 2 * MIN);
    seen('t+1', T + 1 * MIN);
    seen('t-1', T - 1 * MIN);
    seen('new-1', T); // drops t-2
    seen('new-2', T); // drops t-1
    seen('new-3', T); // drops one of the entries expiring at T + 5 min: new-1, the first of them
    assert.equal(seen('t+3', T + 3 * MIN), true);
    assert.equal(seen('t+1', T + 1 * MIN), true);
    assert.equal(seen('new-3', T), true);
    assert.equal(seen('new-2', T), true);
    // Asking re-adds a forgotten one, so check those last.
    assert.equal(seen('t-2', T - 2 * MIN), false);
  });

  test('answers like a plain scan-everything model over a long random run', () => {
    // The model: forget every expired entry; when full, forget the earliest expiry (earliest arrival on a tie).
    const model = new Map();
    let arrival = 0;
    const modelSeen = (at, signature, timestamp) => {
      for (const [key, entry] of model) if (entry.expiresAt < at) model.delete(key);
      if (model.has(signature)) return true;
      const expiresAt = timestamp + MAX_SIGNATURE_AGE_MS;
      if (expiresAt < at) return false;
      if (model.size >= 50) {
        let first;
        for (const [key, entry] of model) {
          if (!first || entry.expiresAt < first[1].expiresAt || (entry.expiresAt === first[1].expiresAt && entry.order < first[1].order)) {
            first = [key, entry];
          }
        }
        model.delete(first[0]);
      }
      model.set(signature, { expiresAt, order: arrival++ });
      return false;
    };
    let state = 12345;
    const random = (n) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % n;
    };
    const { seen, clock } = guardAt(T, { maxEntries: 50 });
    for (let i = 0; i < 20_000; i++) {
      clock.now += random(3) * 1000;
      const signature = `s-${random(120)}`;
      const timestamp = clock.now + (random(11) - 5) * MIN;
      assert.equal(seen(signature, timestamp), modelSeen(clock.now, signature, timestamp), `step ${i}`);
    }
  });

  test('onFull is called once, the first time a valid signature has to be forgotten', () => {
    let told = 0;
    const { seen, clock } = guardAt(T, { maxEntries: 2, onFull: () => told++ });
    seen('a', T);
    seen('b', T);
    assert.equal(told, 0);
    seen('c', T);
    assert.equal(told, 1);
    seen('d', T);
    clock.now = T + MAX_SIGNATURE_AGE_MS + 1; // all over: making room needs no valid one dropped
    seen('e', T + MAX_SIGNATURE_AGE_MS + 1);
    seen('f', T + MAX_SIGNATURE_AGE_MS + 1);
    seen('g', T + MAX_SIGNATURE_AGE_MS + 1);
    assert.equal(told, 1);
  });

  test('through the webhook: a copy of a future-stamped request is still refused after unrelated traffic', async () => {
    const clock = { now: T };
    const calls = [];
    const webhook = createPhoneNumbersWebhook({
      clientSecret: CLIENT_SECRET,
      listPhoneNumbers: (r) => {
        calls.push(r);
        return [];
      },
      now: () => clock.now,
      seen: createMemoryReplayGuard({ maxEntries: 3, now: () => clock.now }),
    });
    const srv = await listen(webhook.node);
    const host = 'hooks.vendor.example';
    const path = '/p';
    const send = (headers, body) => rawRequest(srv.port, { path, headers: { host, ...headers }, body });
    const body = (n) => JSON.stringify({ appId: 1, portalId: 2, userId: n });
    const sign = (n, timestamp) => signedHeaders({ signedUri: `https://${host}${path}`, body: body(n), timestamp });
    try {
      // Both timestamps are inside the accepted window (HubSpot's clocks vs ours).
      const captured = sign(1, T + 4 * MIN);
      assert.equal((await send(captured, body(1))).status, 200);
      assert.equal((await send(sign(2, T - 4 * MIN), body(2))).status, 200);
      assert.equal((await send(sign(3, T - 4 * MIN), body(3))).status, 200);
      clock.now = T + 2 * MIN;
      assert.equal((await send(sign(4, T + 2 * MIN), body(4))).status, 200);
      const replay = await send(captured, body(1));
      assert.equal(replay.status, 401, `the copy was accepted: ${replay.text}`);
      assert.equal(replay.json.reason, 'replayed');
      assert.equal(calls.length, 4);
    } finally {
      await srv.close();
    }
  });
});

describe('createMemoryReplayGuard at 10,000+ entries', { timeout: 20_000 }, () => {
  test('stays bounded: of 25,000 signatures, exactly the newest 10,000 are remembered', () => {
    const { seen } = guardAt(T);
    for (let i = 0; i < 25_000; i++) assert.equal(seen(`sig-${i}`, T), false);
    let remembered = 0;
    // Asking about an old one re-adds it (and evicts one), so count from newest to oldest.
    for (let i = 24_999; i >= 15_000; i--) if (seen(`sig-${i}`, T)) remembered++;
    assert.equal(remembered, 10_000);
  });

  test('equal expiries go in arrival order; expiry frees everything at once', () => {
    const { seen, clock } = guardAt(T, { maxEntries: 10_000 });
    for (let i = 0; i < 10_000; i++) seen(`a-${i}`, T);
    seen('b-0', T); // evicts a-0
    assert.equal(seen('a-1', T), true);
    clock.now = T + MAX_SIGNATURE_AGE_MS + 1;
    // Everything has expired: all are new again.
    let replays = 0;
    for (let i = 2; i < 10_000; i++) if (seen(`a-${i}`, T + MAX_SIGNATURE_AGE_MS + 1)) replays++;
    assert.equal(replays, 0);
  });

  test('cost per request stays small when full (no O(n) scan per call), in order or not', () => {
    const { seen } = guardAt(T);
    for (let i = 0; i < 10_000; i++) seen(`warm-${i}`, T);
    let started = performance.now();
    for (let i = 0; i < 50_000; i++) seen(`x-${i}`, T);
    let perCallUs = ((performance.now() - started) * 1000) / 50_000;
    assert.ok(perCallUs < 100, `in order: ${perCallUs.toFixed(1)} µs per call`);
    // Timestamps jumping about over the whole window (clock skew between HubSpot's servers).
    started = performance.now();
    for (let i = 0; i < 50_000; i++) seen(`y-${i}`, T - MAX_SIGNATURE_AGE_MS + ((i * 7919) % (2 * MAX_SIGNATURE_AGE_MS)));
    perCallUs = ((performance.now() - started) * 1000) / 50_000;
    assert.ok(perCallUs < 100, `out of order: ${perCallUs.toFixed(1)} µs per call`);
  });

  test('edge of the window: remembered at timestamp + 5 min exactly, forgotten 1 ms later', () => {
    const { seen, clock } = guardAt(T);
    seen('edge', T - MAX_SIGNATURE_AGE_MS); // the oldest request that still verifies
    assert.equal(seen('edge', T - MAX_SIGNATURE_AGE_MS), true);
    clock.now = T + 1;
    assert.equal(seen('edge', T - MAX_SIGNATURE_AGE_MS), false);
  });

  test('the webhook tells onError once when its default guard is full', async () => {
    const errors = [];
    const webhook = createPhoneNumbersWebhook({
      clientSecret: CLIENT_SECRET,
      listPhoneNumbers: () => [],
      now: () => T,
      onError: (error, info) => errors.push({ message: error.message, ...info }),
    });
    const url = 'https://hooks.vendor.example/p';
    const body = '{"appId":1,"portalId":2,"userId":3}';
    const send = (timestamp) =>
      webhook.fetch(
        new Request(url, {
          method: 'POST',
          headers: {
            'x-hubspot-request-timestamp': String(timestamp),
            'x-hubspot-signature-v3': hubspotV3Signature({ signedUri: url, body, timestamp }),
          },
          body,
        }),
      );
    // Distinct timestamps inside the window make distinct signatures.
    const first = T - MAX_SIGNATURE_AGE_MS;
    for (let i = 0; i < DEFAULT_REPLAY_MAX_ENTRIES; i++) assert.equal((await send(first + i)).status, 200);
    assert.deepEqual(errors, []);
    assert.equal((await send(T)).status, 200);
    assert.equal((await send(T + 1)).status, 200);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].kind, 'replay-memory-full');
    assert.match(errors[0].message, /holds 10000 signatures that can still verify.*createMemoryReplayGuard\(\{ maxEntries \}\)/);
    // The first signature was the one forgotten: its copy now passes, as documented.
    assert.equal((await send(first)).status, 200);
  });
});
