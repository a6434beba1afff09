// The webhook's Fetch-style handler, called with real Request objects.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createPhoneNumbersWebhook } from '../../dist/server/index.js';
import { CLIENT_SECRET, signedHeaders } from './helpers.mjs';

const URL_ = 'https://hooks.vendor.example/hubspot/phone-numbers';
const BODY = JSON.stringify({ appId: 5, portalId: 6, userId: 7 });

function makeWebhook(overrides = {}) {
  const seen = { calls: [], errors: [] };
  const webhook = createPhoneNumbersWebhook({
    clientSecret: CLIENT_SECRET,
    listPhoneNumbers: async (request) => {
      seen.calls.push(request);
      return [{ e164PhoneNumber: '+14155550123', friendlyName: 'Sales' }];
    },
    onError: (error, info) => seen.errors.push({ message: error.message, ...info }),
    ...overrides,
  });
  return { webhook, seen };
}

function signedRequest({ url = URL_, signedUri = url, body = BODY, timestamp, method = 'POST', headers = {} } = {}) {
  return new Request(url, {
    method,
    headers: { ...signedHeaders({ signedUri, body, timestamp }), ...headers },
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
  });
}

describe('phone-numbers webhook (fetch)', { timeout: 5000 }, () => {
  test('answers a signed request', async () => {
    const { webhook, seen } = makeWebhook();
    const res = await webhook.fetch(signedRequest());
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    assert.deepEqual(await res.json(), { phoneNumbers: [{ e164PhoneNumber: '+14155550123', friendlyName: 'Sales' }] });
    assert.deepEqual(seen.calls, [{ appId: 5, portalId: 6, userId: 7 }]);
  });

  test('signs over the request URL with the listed escapes decoded', async () => {
    const { webhook } = makeWebhook();
    const url = 'https://hooks.vendor.example/p%3Aq?who=a%40b%2Cc&sp=%20';
    const ok = await webhook.fetch(signedRequest({ url, signedUri: 'https://hooks.vendor.example/p:q?who=a@b,c&sp=%20' }));
    assert.equal(ok.status, 200);
    const raw = await webhook.fetch(signedRequest({ url, signedUri: url }));
    assert.equal(raw.status, 401);
  });

  test('forces the https scheme when rebuilding the URL', async () => {
    const { webhook } = makeWebhook();
    // Local server sees http://, HubSpot signed https://.
    const res = await webhook.fetch(
      signedRequest({ url: 'http://hooks.vendor.example/x', signedUri: 'https://hooks.vendor.example/x' }),
    );
    assert.equal(res.status, 200);
  });

  test('uses publicUrl when given', async () => {
    const publicUrl = 'https://public.vendor.example/hook';
    const { webhook } = makeWebhook({ publicUrl });
    assert.equal((await webhook.fetch(signedRequest({ url: 'http://10.0.0.5:3000/hook', signedUri: publicUrl }))).status, 200);
    assert.equal((await webhook.fetch(signedRequest({ url: 'http://10.0.0.5:3000/hook' }))).status, 401);
  });

  test('rejects bad signatures, stale timestamps and wrong methods', async () => {
    const { webhook, seen } = makeWebhook();
    const wrong = await webhook.fetch(
      new Request(URL_, { method: 'POST', headers: signedHeaders({ signedUri: URL_, body: BODY, secret: 'x' }), body: BODY }),
    );
    assert.equal(wrong.status, 401);
    const stale = await webhook.fetch(signedRequest({ timestamp: Date.now() - 10 * 60 * 1000 }));
    assert.equal(stale.status, 401);
    assert.equal((await stale.json()).reason, 'stale-timestamp');
    const get = await webhook.fetch(signedRequest({ method: 'GET' }));
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    assert.equal(seen.calls.length, 0);
  });

  test('answers 400 for invalid bodies and 413 for huge streamed bodies', async () => {
    const { webhook } = makeWebhook({ maxBodyBytes: 512 });
    for (const body of ['nope', '{"appId":5,"portalId":6,"userId":"7"}', '[]']) {
      const res = await webhook.fetch(signedRequest({ body }));
      assert.equal(res.status, 400, body);
    }
    const big = 'z'.repeat(10_000);
    const stream = new ReadableStream({
      start(controller) {
        const bytes = new TextEncoder().encode(big);
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.subarray(i, i + 1000));
        controller.close();
      },
    });
    const res = await webhook.fetch(
      new Request(URL_, {
        method: 'POST',
        headers: signedHeaders({ signedUri: URL_, body: big }),
        body: stream,
        duplex: 'half',
      }),
    );
    assert.equal(res.status, 413);
  });

  test('a throwing lookup gives 500 without internals; a body stream error gives 400', async () => {
    const { webhook, seen } = makeWebhook({
      listPhoneNumbers: () => {
        throw new TypeError('secret stack detail');
      },
    });
    const res = await webhook.fetch(signedRequest());
    assert.equal(res.status, 500);
    assert.doesNotMatch(await res.text(), /secret stack detail/);
    assert.equal(seen.errors[0].kind, 'list-failed');

    const broken = new ReadableStream({
      pull(controller) {
        controller.error(new Error('socket reset'));
      },
    });
    const res2 = await webhook.fetch(
      new Request(URL_, { method: 'POST', headers: signedHeaders({ signedUri: URL_, body: '' }), body: broken, duplex: 'half' }),
    );
    assert.equal(res2.status, 400);
  });
});

describe('phone-numbers webhook (fetch): replays and early answers', { timeout: 5000 }, () => {
  test('the same signed request twice: the copy gets 401 replayed', async () => {
    const { webhook, seen } = makeWebhook();
    const headers = signedHeaders({ signedUri: URL_, body: BODY });
    const send = () => webhook.fetch(new Request(URL_, { method: 'POST', headers, body: BODY }));
    assert.equal((await send()).status, 200);
    const replay = await send();
    assert.equal(replay.status, 401);
    assert.equal((await replay.json()).reason, 'replayed');
    assert.equal(seen.calls.length, 1);
  });

  test('a rejecting seen hook fails closed', async () => {
    const { webhook, seen } = makeWebhook({ seen: () => Promise.reject(new Error('store down')) });
    const res = await webhook.fetch(signedRequest());
    assert.equal(res.status, 500);
    assert.equal(seen.calls.length, 0);
    assert.equal(seen.errors[0].kind, 'replay-check-failed');
  });

  test('an answer given before the body is read cancels the upload and says connection: close', async () => {
    const { webhook } = makeWebhook({ maxBodyBytes: 512 });
    const uploads = [];
    const upload = () => {
      const state = { pulled: 0, cancelled: false };
      uploads.push(state);
      return new ReadableStream({
        pull(controller) {
          state.pulled += 1;
          controller.enqueue(new Uint8Array(256));
        },
        cancel() {
          state.cancelled = true;
        },
      });
    };
    const post = (headers, method = 'POST') =>
      webhook.fetch(new Request(URL_, { method, headers, body: upload(), duplex: 'half' }));

    const unsigned = await post({});
    assert.equal(unsigned.status, 401);
    const put = await post(signedHeaders({ signedUri: URL_, body: '' }), 'PUT');
    assert.equal(put.status, 405);
    const declared = await post({ ...signedHeaders({ signedUri: URL_, body: '' }), 'content-length': '100000' });
    assert.equal(declared.status, 413);
    const streamed = await post(signedHeaders({ signedUri: URL_, body: '' }));
    assert.equal(streamed.status, 413);
    for (const res of [unsigned, put, declared, streamed]) assert.equal(res.headers.get('connection'), 'close');
    for (const state of uploads) {
      assert.equal(state.cancelled, true);
      assert.ok(state.pulled < 10, `pulled ${state.pulled} chunks`);
    }
    // A read body keeps the connection.
    const ok = await webhook.fetch(signedRequest());
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('connection'), null);
  });
});
