// The settings client's retries of cut-off answers, what it re-sends, and its
// timeouts, against stand-ins that misbehave in ways the loopback fake does not.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CallingSettingsClient, HubSpotApiError, HubSpotNetworkError } from '../../dist/server/index.js';
import { startFakeHubSpot } from './fake-hubspot.mjs';
import { recordingSleep, rejection } from './helpers.mjs';

const API_KEY = 'retry-test-key-0123456789';


/**
 * A HubSpot stand-in that really stores what a POST creates (the loopback fake's
 * cut-off answers skip its state), and cuts the first 200 answer off mid-body.
 */
async function startStoringApi() {
  const state = { stored: undefined, requests: [], cutFirst: true };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      state.requests.push({ method: req.method, raw });
      if (req.method === 'POST') {
        if (state.stored) {
          res.writeHead(409, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'error', message: 'Settings already exist', category: 'CONFLICT' }));
          return;
        }
        state.stored = JSON.parse(raw);
        const body = Buffer.from(JSON.stringify({ ...state.stored, createdAt: '2026-01-01T00:00:00Z', pad: 'x'.repeat(2000) }));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
        if (state.cutFirst) {
          state.cutFirst = false;
          res.write(body.subarray(0, 40), () => res.socket?.resetAndDestroy());
        } else {
          res.end(body);
        }
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    state,
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

describe('a POST whose 200 answer was cut off', { timeout: 5000 }, () => {
  // A 200 status line proves HubSpot carried the create out. Sending it again
  // would hit "already exists" and report a create that succeeded as a 409.
  test('createSettings: the create landed, so no second POST and no 409', async () => {
    const api = await startStoringApi();
    try {
      const { sleep } = recordingSleep();
      const client = new CallingSettingsClient({ apiKey: API_KEY, appId: 1, baseUrl: api.baseUrl, sleep });
      const outcome = await client.createSettings({ name: 'Acme', url: 'https://phone.acme.example/' }).then(
        (value) => ({ value }),
        (error) => ({ error }),
      );
      assert.equal(
        api.state.requests.filter((r) => r.method === 'POST').length,
        1,
        `POST sent ${api.state.requests.length} times; outcome: ${outcome.error ?? 'ok'}`,
      );
      assert.ok(!(outcome.error instanceof HubSpotApiError), `a successful create surfaced as ${outcome.error}`);
      // What the caller gets: the create was accepted, its answer lost; check before trying again.
      assert.ok(outcome.error instanceof HubSpotNetworkError, `got ${outcome.error}`);
      assert.equal(outcome.error.acceptedStatus, 200);
      assert.match(outcome.error.message, /^HubSpot accepted POST .* \(HTTP 200\) but its answer was lost/);
      assert.equal(api.state.stored.name, 'Acme');
    } finally {
      await api.close();
    }
  });
});

describe('what a retry re-sends', { timeout: 5000 }, () => {
  let fake;
  before(async () => {
    fake = await startFakeHubSpot({ apiKey: API_KEY });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  test('every attempt carries the same method, headers and byte-identical body', async () => {
    const { sleep } = recordingSleep();
    const client = new CallingSettingsClient({ apiKey: API_KEY, appId: 9, baseUrl: fake.baseUrl, sleep });
    fake.state.set('9', { settings: { name: 'Old', url: 'https://a.example/' } });
    fake.enqueue(503, { status: 'error', message: 'busy' });
    fake.enqueueCutOff(200, { pad: 'p'.repeat(3000) }, { afterBytes: 100 });
    const changes = { name: 'Ünïcødé ☎ name', url: 'https://phone.acme.example/hub?x=1&y=%20' };
    const result = await client.updateSettings(changes);
    assert.equal(result.name, changes.name);
    assert.equal(fake.requests.length, 3);
    const bodies = new Set(fake.requests.map((r) => r.rawBody));
    assert.equal(bodies.size, 1);
    assert.deepEqual(JSON.parse([...bodies][0]), changes);
    for (const r of fake.requests) {
      assert.equal(r.method, 'PATCH');
      assert.equal(r.headers['content-type'], 'application/json');
      assert.equal(r.query.hapikey, API_KEY);
    }
  });

  test('a 4xx whose body is cut off is not retried and stays a HubSpotApiError', async () => {
    const { sleep, calls } = recordingSleep();
    const client = new CallingSettingsClient({ apiKey: API_KEY, appId: 9, baseUrl: fake.baseUrl, sleep });
    fake.enqueueCutOff(409, { message: 'exists', category: 'CONFLICT', pad: 'z'.repeat(3000) }, { afterBytes: 30 });
    const error = await rejection(client.getSettings());
    assert.ok(error instanceof HubSpotApiError, String(error));
    assert.equal(error.status, 409);
    assert.equal(error.attempts, 1);
    assert.deepEqual(calls, []);
  });
});

describe('timeouts', { timeout: 5000 }, () => {
  // AbortSignal.timeout() rides on setTimeout, which turns any delay above
  // 2^31-1 ms into 1 ms: such a timeout would abort every attempt at once.
  test('timeoutMs above 2^31-1 ms is refused up front, with the value to pass instead', () => {
    for (const timeoutMs of [2 ** 31, 3_000_000_000, Number.MAX_SAFE_INTEGER]) {
      assert.throws(
        () => new CallingSettingsClient({ apiKey: API_KEY, timeoutMs }),
        /timeoutMs must be at most 2147483647 ms .*pass 2147483647 for the longest wait/,
      );
    }
  });

  test('timeoutMs of 2^31-1 ms, the longest allowed, does not abort a 50 ms answer', async () => {
    const server = http.createServer((req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ name: 'Acme', url: 'https://a.example/' }));
      }, 50);
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const warnings = [];
    const onWarning = (w) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const { sleep } = recordingSleep();
      const client = new CallingSettingsClient({
        apiKey: API_KEY,
        appId: 1,
        baseUrl: `http://127.0.0.1:${server.address().port}`,
        sleep,
        retries: 0,
        timeoutMs: 2 ** 31 - 1, // ~24.8 days: "effectively no timeout"
      });
      const outcome = await client.getSettings().then(
        (value) => ({ value }),
        (error) => ({ error }),
      );
      assert.ok(!(outcome.error instanceof HubSpotNetworkError), `got ${outcome.error}`);
      assert.equal(outcome.value?.name, 'Acme');
      assert.deepEqual(warnings, []);
    } finally {
      process.off('warning', onWarning);
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  test('a stalled body on the last attempt ends within timeoutMs as ETIMEDOUT', async () => {
    const fake = await startFakeHubSpot({ apiKey: API_KEY });
    try {
      fake.enqueueCutOff(200, { pad: 'q'.repeat(3000) }, { afterBytes: 10, cut: 'stall' });
      const client = new CallingSettingsClient({ apiKey: API_KEY, appId: 1, baseUrl: fake.baseUrl, retries: 0, timeoutMs: 200 });
      const started = Date.now();
      const error = await rejection(client.getSettings());
      assert.ok(error instanceof HubSpotNetworkError);
      assert.equal(error.code, 'ETIMEDOUT');
      assert.ok(Date.now() - started < 1500);
    } finally {
      await fake.close();
    }
  });
});
