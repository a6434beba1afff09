// The Fetch-style handler with streaming bodies that are slow, lie, or whose
// cancellation does not settle.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createPhoneNumbersWebhook } from '../../dist/server/index.js';
import { CLIENT_SECRET, signedHeaders } from './helpers.mjs';

const URL_ = 'https://hooks.vendor.example/hubspot/phone-numbers';
const BODY = JSON.stringify({ appId: 5, portalId: 6, userId: 7 });

function makeWebhook(overrides = {}) {
  const state = { calls: 0, errors: [] };
  const webhook = createPhoneNumbersWebhook({
    clientSecret: CLIENT_SECRET,
    listPhoneNumbers: () => {
      state.calls += 1;
      return [{ e164PhoneNumber: '+14155550123' }];
    },
    onError: (error, info) => state.errors.push({ message: error.message, ...info }),
    ...overrides,
  });
  return { webhook, state };
}

/** Resolves to the status, or 'no answer' after `ms`. */
function within(ms, promise) {
  return Promise.race([
    promise.then((res) => res.status),
    new Promise((resolve) => setTimeout(() => resolve('no answer'), ms)),
  ]);
}

/** An endless upload whose cancel() never settles (e.g. an adapter waiting on a socket). */
function stuckOnCancel() {
  return new ReadableStream({
    pull(controller) {
      controller.enqueue(new Uint8Array(256));
    },
    cancel() {
      return new Promise(() => undefined);
    },
  });
}

describe('fetch handler: early answers do not wait on the upload', { timeout: 5000 }, () => {
  // Cancelling an unwanted upload is housekeeping: a stream whose cancel()
  // never settles must not keep the answer from going out.
  test('unsigned request: 401 even when the body stream never finishes cancelling', async () => {
    const { webhook } = makeWebhook();
    const status = await within(
      1000,
      webhook.fetch(new Request(URL_, { method: 'POST', body: stuckOnCancel(), duplex: 'half' })),
    );
    assert.equal(status, 401);
  });

  test('streamed body over maxBodyBytes: 413 even when cancel never settles', async () => {
    const { webhook } = makeWebhook({ maxBodyBytes: 512 });
    const status = await within(
      1000,
      webhook.fetch(
        new Request(URL_, {
          method: 'POST',
          headers: signedHeaders({ signedUri: URL_, body: '' }),
          body: stuckOnCancel(),
          duplex: 'half',
        }),
      ),
    );
    assert.equal(status, 413);
  });
});

describe('fetch handler: slow and lying bodies', { timeout: 5000 }, () => {
  test('a body over the limit arriving slowly is cut off at the limit', async () => {
    const { webhook, state } = makeWebhook({ maxBodyBytes: 2048 });
    let pulled = 0;
    const body = new ReadableStream({
      async pull(controller) {
        pulled += 1;
        await new Promise((r) => setTimeout(r, 5));
        controller.enqueue(new Uint8Array(300));
      },
    });
    const res = await webhook.fetch(
      new Request(URL_, { method: 'POST', headers: signedHeaders({ signedUri: URL_, body: '' }), body, duplex: 'half' }),
    );
    assert.equal(res.status, 413);
    assert.equal(res.headers.get('connection'), 'close');
    assert.ok(pulled <= 10, `pulled ${pulled} chunks`);
    assert.equal(state.calls, 0);
  });

  test('a signed body dribbled in 1-byte chunks verifies and is answered once', async () => {
    const { webhook, state } = makeWebhook();
    const bytes = new TextEncoder().encode(BODY);
    let i = 0;
    const body = new ReadableStream({
      async pull(controller) {
        if (i >= bytes.length) {
          controller.close();
          return;
        }
        await new Promise((r) => setImmediate(r));
        controller.enqueue(bytes.slice(i, i + 1));
        i += 1;
      },
    });
    const headers = signedHeaders({ signedUri: URL_, body: BODY });
    const res = await webhook.fetch(new Request(URL_, { method: 'POST', headers, body, duplex: 'half' }));
    assert.equal(res.status, 200);
    assert.equal(state.calls, 1);
    // The same bytes again, in one piece: a replay.
    const copy = await webhook.fetch(new Request(URL_, { method: 'POST', headers, body: BODY }));
    assert.equal(copy.status, 401);
    assert.equal((await copy.json()).reason, 'replayed');
  });

  test('a small declared Content-Length does not lift the streamed limit', async () => {
    const { webhook } = makeWebhook({ maxBodyBytes: 1024 });
    const big = 'x'.repeat(10_000);
    const res = await webhook.fetch(
      new Request(URL_, {
        method: 'POST',
        headers: { ...signedHeaders({ signedUri: URL_, body: big }), 'content-length': '10' },
        body: big,
      }),
    );
    assert.equal(res.status, 413);
  });

  test('a body that errors mid-read is a 400 with connection: close, and never reaches seen', async () => {
    const asked = [];
    const { webhook } = makeWebhook({ seen: (s) => asked.push(s) && false });
    let n = 0;
    const body = new ReadableStream({
      pull(controller) {
        n += 1;
        if (n > 2) controller.error(new Error('socket reset'));
        else controller.enqueue(new Uint8Array(10));
      },
    });
    const res = await webhook.fetch(
      new Request(URL_, { method: 'POST', headers: signedHeaders({ signedUri: URL_, body: '' }), body, duplex: 'half' }),
    );
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('connection'), 'close');
    assert.deepEqual(asked, []);
  });
});
