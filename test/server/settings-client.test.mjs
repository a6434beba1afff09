// CallingSettingsClient against the loopback fake of HubSpot's API.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  CallingSettingsClient,
  HubSpotApiError,
  HubSpotNetworkError,
  SettingsValidationError,
  redactSecrets,
} from '../../dist/server/index.js';
import { hubSpotError, startFakeHubSpot } from './fake-hubspot.mjs';
import { closedPort, recordingSleep, rejection } from './helpers.mjs';

// Characters that need URL-encoding, to prove the key is encoded and redacted in both forms.
const API_KEY = 'dev-key/with+odd&chars=42';
const SETTINGS_PATH = '/crm/v3/extensions/calling/123/settings';

let fake;
before(async () => {
  fake = await startFakeHubSpot({ apiKey: API_KEY });
});
after(() => fake.close());
beforeEach(() => fake.reset());

function client(overrides = {}) {
  const { sleep } = recordingSleep();
  return new CallingSettingsClient({ apiKey: API_KEY, appId: 123, baseUrl: fake.baseUrl, sleep, ...overrides });
}

/** Every place a key could hide on an error object. */
function assertNoKey(error) {
  const dump = [
    error.message,
    error.stack,
    JSON.stringify(error),
    ...Object.values(error).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
  ].join('\n');
  assert.ok(!dump.includes(API_KEY), `API key leaked: ${dump}`);
  assert.ok(!dump.includes(encodeURIComponent(API_KEY)), `encoded API key leaked: ${dump}`);
}


describe('CallingSettingsClient: calling settings', { timeout: 5000 }, () => {
  test('create sends POST with the key as hapikey and the exact JSON body', async () => {
    const input = { name: 'Acme Phone', url: 'https://phone.acme.example/hubspot', width: 400, height: 600, isReady: false };
    const created = await client().createSettings(input);
    assert.equal(created.name, 'Acme Phone');
    assert.equal(created.isReady, false);
    assert.equal(typeof created.createdAt, 'string');
    assert.equal(fake.requests.length, 1);
    const [request] = fake.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, SETTINGS_PATH);
    assert.deepEqual(request.query, { hapikey: API_KEY });
    assert.deepEqual(request.body, input);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers.accept, 'application/json');
  });

  test('get, update (PATCH) and delete round-trip through the API', async () => {
    const c = client();
    await c.createSettings({ name: 'Acme', url: 'https://phone.acme.example/' });
    const updated = await c.updateSettings({ isReady: true, supportsInboundCalling: true, usesCallingWindow: false });
    assert.equal(updated.isReady, true);
    assert.equal(updated.usesCallingWindow, false);
    assert.deepEqual(fake.requests[1].body, { isReady: true, supportsInboundCalling: true, usesCallingWindow: false });
    assert.equal(fake.requests[1].method, 'PATCH');
    const got = await c.getSettings();
    assert.equal(got.name, 'Acme');
    assert.equal(got.supportsInboundCalling, true);
    assert.equal(await c.deleteSettings(), undefined);
    assert.deepEqual(
      fake.requests.map((r) => `${r.method} ${r.path}`),
      [`POST ${SETTINGS_PATH}`, `PATCH ${SETTINGS_PATH}`, `GET ${SETTINGS_PATH}`, `DELETE ${SETTINGS_PATH}`],
    );
    assert.equal(fake.requests[2].rawBody, '');
    assert.equal(fake.state.get('123').settings, undefined);
  });

  test('a per-call appId overrides the default; undefined fields are left out', async () => {
    await client().createSettings({ name: 'B', url: 'https://b.example/', width: undefined }, { appId: '987' });
    assert.equal(fake.requests[0].path, '/crm/v3/extensions/calling/987/settings');
    assert.deepEqual(fake.requests[0].body, { name: 'B', url: 'https://b.example/' });
  });
});

describe('CallingSettingsClient: channel connection', { timeout: 5000 }, () => {
  const PATH = `${SETTINGS_PATH}/channel-connection`;

  test('create, get, update, delete', async () => {
    const c = client();
    const created = await c.createChannelConnection({ url: 'https://phone.acme.example/numbers', isReady: false });
    assert.equal(created.url, 'https://phone.acme.example/numbers');
    assert.equal((await c.updateChannelConnection({ isReady: true })).isReady, true);
    assert.equal((await c.getChannelConnection()).isReady, true);
    await c.deleteChannelConnection();
    assert.deepEqual(
      fake.requests.map((r) => `${r.method} ${r.path}`),
      [`POST ${PATH}`, `PATCH ${PATH}`, `GET ${PATH}`, `DELETE ${PATH}`],
    );
    assert.deepEqual(fake.requests[0].body, { url: 'https://phone.acme.example/numbers', isReady: false });
  });

  test('rejects calling-settings fields', async () => {
    const error = await rejection(client().createChannelConnection({ url: 'https://x.example/', name: 'nope' }));
    assert.ok(error instanceof SettingsValidationError);
    assert.deepEqual(error.issues, [{ field: 'name', message: 'is not a known field (allowed: url, isReady)' }]);
  });
});

describe('CallingSettingsClient: validation before sending', { timeout: 5000 }, () => {
  test('lists every problem and sends nothing', async () => {
    const error = await rejection(
      client().createSettings({ url: 'http://phone.acme.example/', width: 0, height: 1.5, isReady: 'yes', colour: 'red' }),
    );
    assert.ok(error instanceof SettingsValidationError);
    assert.deepEqual(
      error.issues.map((i) => i.field),
      ['url', 'width', 'height', 'isReady', 'colour', 'name'],
    );
    assert.match(error.message, /url must use https/);
    assert.match(error.message, /width must be a positive integer \(got 0\)/);
    assert.match(error.message, /name is required/);
    assert.equal(fake.requests.length, 0);
  });

  test('update needs at least one field; app id must be a positive integer', async () => {
    const empty = await rejection(client().updateSettings({}));
    assert.ok(empty instanceof SettingsValidationError);
    assert.match(empty.message, /must set at least one of/);
    const noApp = await rejection(client({ appId: undefined }).getSettings());
    assert.ok(noApp instanceof SettingsValidationError);
    assert.match(noApp.message, /appId must be a positive integer \(got nothing\)/);
    const badApp = await rejection(client().getSettings({ appId: '12a' }));
    assert.match(badApp.message, /appId must be a positive integer/);
    const notUrl = await rejection(client().updateSettings({ url: 'phone.acme.example' }));
    assert.match(notUrl.message, /url must be an absolute https URL/);
    assert.equal(fake.requests.length, 0);
  });

  test('constructor rejects a missing key and non-https base URLs', () => {
    assert.throws(() => new CallingSettingsClient({ apiKey: '' }), /apiKey is required/);
    assert.throws(() => new CallingSettingsClient({ apiKey: 'k', baseUrl: 'http://api.hubapi.com' }), /must use https/);
    assert.doesNotThrow(() => new CallingSettingsClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' }));
  });

  test('constructor rejects delays a timer cannot wait (over 2147483647 ms) and says what to pass', () => {
    for (const name of ['timeoutMs', 'retryDelayMs', 'maxRetryDelayMs']) {
      assert.throws(
        () => new CallingSettingsClient({ apiKey: 'k', [name]: 2 ** 31 }),
        new RegExp(`^TypeError: ${name} must be at most 2147483647 ms \\(about 24\\.8 days.*pass 2147483647 for the longest wait \\(got 2147483648\\)$`),
      );
      assert.doesNotThrow(() => new CallingSettingsClient({ apiKey: 'k', [name]: 2 ** 31 - 1 }));
    }
  });
});

describe('CallingSettingsClient: HubSpot errors and retries', { timeout: 5000 }, () => {
  test('surfaces HubSpot errors with status, category, message and correlationId', async () => {
    const error = await rejection(client().getSettings());
    assert.ok(error instanceof HubSpotApiError);
    assert.equal(error.status, 404);
    assert.equal(error.category, 'OBJECT_NOT_FOUND');
    assert.equal(error.hubspotMessage, 'No settings for app 123');
    assert.match(error.correlationId, /^fake-corr-/);
    assert.equal(error.attempts, 1);
    assert.equal(error.url, `${fake.baseUrl}${SETTINGS_PATH}`);
    assert.match(error.message, /^HubSpot API error 404 OBJECT_NOT_FOUND on GET .*: No settings for app 123 \(correlationId fake-corr-\d+\)$/);
    assert.equal(fake.requests.length, 1, '4xx is not retried');
    assertNoKey(error);
  });

  test('a wrong key gives 401 and the wrong key is not in the error either', async () => {
    const wrongKey = 'wrong-key-0000';
    const error = await rejection(client({ apiKey: wrongKey }).getSettings());
    assert.equal(error.status, 401);
    assert.equal(error.category, 'INVALID_AUTHENTICATION');
    assert.ok(!`${error.message}${error.stack}${JSON.stringify(error)}`.includes(wrongKey));
  });

  test('retries 429 honouring Retry-After seconds', async () => {
    const { sleep, calls } = recordingSleep();
    fake.enqueue(429, hubSpotError('You have reached your secondly limit.', 'RATE_LIMITS'), { 'retry-after': '2' });
    const result = await client({ sleep }).createSettings({ name: 'A', url: 'https://a.example/' });
    assert.equal(result.name, 'A');
    assert.deepEqual(calls, [2000]);
    assert.equal(fake.requests.length, 2);
  });

  test('retries 429 honouring an HTTP-date Retry-After', async () => {
    const { sleep, calls } = recordingSleep();
    const now = Date.UTC(2024, 3, 30, 12, 0, 0);
    fake.enqueue(429, hubSpotError('slow down', 'RATE_LIMITS'), { 'retry-after': new Date(now + 7000).toUTCString() });
    await client({ sleep, now: () => now }).createSettings({ name: 'A', url: 'https://a.example/' });
    assert.deepEqual(calls, [7000]);
  });

  test('retries 5xx with exponential backoff, then succeeds', async () => {
    const { sleep, calls } = recordingSleep();
    fake.enqueue(503, hubSpotError('unavailable', 'INTERNAL_ERROR'));
    fake.enqueue(502, 'Bad Gateway');
    fake.enqueue(500, hubSpotError('oops', 'INTERNAL_ERROR'));
    await client({ sleep }).createSettings({ name: 'A', url: 'https://a.example/' });
    assert.deepEqual(calls, [500, 1000, 2000]);
    assert.equal(fake.requests.length, 4);
  });

  test('gives up after the bounded number of attempts', async () => {
    const { sleep, calls } = recordingSleep();
    for (let i = 0; i < 5; i++) fake.enqueue(500, hubSpotError(`fail ${i}`, 'INTERNAL_ERROR'));
    const error = await rejection(client({ sleep, retries: 2 }).getSettings());
    assert.ok(error instanceof HubSpotApiError);
    assert.equal(error.status, 500);
    assert.equal(error.attempts, 3);
    assert.equal(error.hubspotMessage, 'fail 2');
    assert.deepEqual(calls, [500, 1000]);
    assert.equal(fake.requests.length, 3);
  });

  test('does not wait longer than maxRetryDelayMs: reports the 429 instead', async () => {
    const { sleep, calls } = recordingSleep();
    fake.enqueue(429, hubSpotError('daily limit', 'RATE_LIMITS'), { 'retry-after': '3600' });
    const error = await rejection(client({ sleep }).getSettings());
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, 3_600_000);
    assert.match(error.message, /retry after 3600 s/);
    assert.deepEqual(calls, []);
  });

  test('redacts a key that HubSpot echoes back in its message', async () => {
    fake.enqueue(400, hubSpotError(`Bad request to /x?hapikey=${encodeURIComponent(API_KEY)}&y=1 using ${API_KEY}`, 'VALIDATION_ERROR'));
    const error = await rejection(client().getSettings());
    assert.match(error.hubspotMessage, /hapikey=\[REDACTED\]&y=1 using \[REDACTED\]/);
    assertNoKey(error);
  });

  test('non-JSON error bodies still give a readable message', async () => {
    fake.enqueue(400, '<html>Bad request</html>');
    const error = await rejection(client().getSettings());
    assert.equal(error.status, 400);
    assert.equal(error.category, undefined);
    assert.equal(error.hubspotMessage, '<html>Bad request</html>');
  });
});

describe('CallingSettingsClient: network failures', { timeout: 5000 }, () => {
  test('retries, then throws HubSpotNetworkError without the key', async () => {
    const port = await closedPort();
    const { sleep, calls } = recordingSleep();
    const error = await rejection(
      new CallingSettingsClient({ apiKey: API_KEY, appId: 1, baseUrl: `http://127.0.0.1:${port}`, sleep, retries: 2 }).getSettings(),
    );
    assert.ok(error instanceof HubSpotNetworkError);
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(error.attempts, 3);
    assert.deepEqual(calls, [500, 1000]);
    assertNoKey(error);
  });

  test('redacts the key from a fetch error that quotes the URL', async () => {
    const leakyFetch = async (url) => {
      throw new TypeError(`Failed to parse URL from ${url}`);
    };
    const error = await rejection(client({ fetch: leakyFetch, retries: 0 }).getSettings());
    assert.ok(error instanceof HubSpotNetworkError);
    assert.match(error.message, /hapikey=\[REDACTED\]/);
    assertNoKey(error);
  });
});

describe('CallingSettingsClient: a body cut off mid-read', { timeout: 5000 }, () => {
  const settings = { name: 'Acme Phone', url: 'https://phone.acme.example/hubspot', pad: 'x'.repeat(2000) };

  test('a reset mid-body is retried like a network error, then succeeds', async () => {
    const { sleep, calls } = recordingSleep();
    fake.enqueueCutOff(200, settings, { afterBytes: 100 });
    fake.enqueueCutOff(200, settings, { afterBytes: 1500 });
    fake.enqueue(200, settings);
    const result = await client({ sleep }).getSettings();
    assert.deepEqual(result, settings);
    assert.deepEqual(calls, [500, 1000]);
    assert.equal(fake.requests.length, 3);
  });

  test('a reset on every attempt ends in HubSpotNetworkError, without the key', async () => {
    const { sleep, calls } = recordingSleep();
    for (let i = 0; i < 3; i++) fake.enqueueCutOff(200, settings, { afterBytes: 100 });
    const error = await rejection(client({ sleep, retries: 2 }).getSettings());
    assert.ok(error instanceof HubSpotNetworkError, `got ${error}`);
    assert.equal(error.attempts, 3);
    assert.equal(error.acceptedStatus, undefined);
    assert.equal(typeof error.code, 'string');
    assert.match(error.message, /^Could not reach the HubSpot API on GET .*: the body of the HTTP 200 answer was cut off/);
    assert.deepEqual(calls, [500, 1000]);
    assertNoKey(error);
  });

  test('a body that stalls past timeoutMs is a HubSpotNetworkError ETIMEDOUT, and is retried', async () => {
    const { sleep, calls } = recordingSleep();
    fake.enqueueCutOff(200, settings, { afterBytes: 100, cut: 'stall' });
    fake.enqueueCutOff(200, settings, { afterBytes: 100, cut: 'stall' });
    const started = Date.now();
    const error = await rejection(client({ sleep, retries: 1, timeoutMs: 150 }).getSettings());
    assert.ok(error instanceof HubSpotNetworkError, `got ${error}`);
    assert.equal(error.code, 'ETIMEDOUT');
    assert.equal(error.attempts, 2);
    assert.match(error.message, /the body of the HTTP 200 answer did not finish within 150 ms/);
    assert.deepEqual(calls, [500]);
    assert.ok(Date.now() - started < 3000);
    assertNoKey(error);
  });

  test('a POST whose 2xx answer is cut off is not sent again: the error says it was accepted', async () => {
    const { sleep, calls } = recordingSleep();
    fake.enqueueCutOff(200, settings, { afterBytes: 10 });
    const error = await rejection(client({ sleep }).createSettings({ name: 'Acme', url: 'https://phone.acme.example/' }));
    assert.ok(error instanceof HubSpotNetworkError, `got ${error}`);
    assert.equal(error.acceptedStatus, 200);
    assert.equal(error.attempts, 1);
    assert.match(
      error.message,
      /^HubSpot accepted POST http:\/\/127\.0\.0\.1:\d+\/crm\/v3\/extensions\/calling\/123\/settings \(HTTP 200\) but its answer was lost: the body of the HTTP 200 answer was cut off .*read the settings \(GET\) to see the result before trying again$/,
    );
    assert.deepEqual(calls, []);
    assert.deepEqual(
      fake.requests.map((r) => r.method),
      ['POST'],
    );
    assertNoKey(error);
  });

  test('a DELETE whose 2xx answer is cut off is not sent again either (a second one would be a 404)', async () => {
    fake.enqueueCutOff(200, { deleted: true, pad: 'd'.repeat(2000) }, { afterBytes: 10 });
    const error = await rejection(client().deleteChannelConnection());
    assert.ok(error instanceof HubSpotNetworkError, `got ${error}`);
    assert.equal(error.acceptedStatus, 200);
    assert.match(error.message, /^HubSpot accepted DELETE .*\/settings\/channel-connection \(HTTP 200\)/);
    assert.equal(fake.requests.length, 1);
  });

  test('a stalled 2xx answer to a POST is not sent again; the message says it timed out', async () => {
    fake.enqueueCutOff(201, settings, { afterBytes: 10, cut: 'stall' });
    const error = await rejection(client({ timeoutMs: 150 }).createChannelConnection({ url: 'https://phone.acme.example/n' }));
    assert.equal(error.acceptedStatus, 201);
    assert.equal(error.code, 'ETIMEDOUT');
    assert.match(error.message, /\(HTTP 201\) but its answer was lost: the body of the HTTP 201 answer did not finish within 150 ms/);
    assert.equal(fake.requests.length, 1);
  });

  test('a POST that got no answer at all, or a 5xx, is still retried (settings writes converge)', async () => {
    const { sleep } = recordingSleep();
    fake.enqueue(503, { status: 'error', message: 'busy' });
    const created = await client({ sleep }).createSettings({ name: 'Acme', url: 'https://phone.acme.example/' });
    assert.equal(created.name, 'Acme');
    assert.deepEqual(
      fake.requests.map((r) => r.method),
      ['POST', 'POST'],
    );
  });

  test('a PATCH whose 2xx answer is cut off is retried: it sets the same fields again', async () => {
    const { sleep } = recordingSleep();
    fake.state.set('123', { settings: { name: 'Old', url: 'https://a.example/' } });
    fake.enqueueCutOff(200, settings, { afterBytes: 10 });
    const updated = await client({ sleep }).updateSettings({ name: 'New' });
    assert.equal(updated.name, 'New');
    assert.deepEqual(
      fake.requests.map((r) => r.method),
      ['PATCH', 'PATCH'],
    );
  });
});

describe('redactSecrets', { timeout: 5000 }, () => {
  test('removes hapikey values and literal secrets', () => {
    assert.equal(redactSecrets('GET https://x/y?a=1&hapikey=abc-123&b=2'), 'GET https://x/y?a=1&hapikey=[REDACTED]&b=2');
    assert.equal(redactSecrets('next=%2Fz%3Fhapikey%3Dabc%26q%3D1'), 'next=%2Fz%3Fhapikey%3D[REDACTED]%26q%3D1');
    assert.equal(redactSecrets('HAPIKEY=Zz "quoted"'), 'HAPIKEY=[REDACTED] "quoted"');
    assert.equal(redactSecrets('key is s3cr3t!', ['s3cr3t!']), 'key is [REDACTED]');
    assert.equal(redactSecrets('a b', ['a']), 'a b', 'very short secrets are ignored');
  });
});
