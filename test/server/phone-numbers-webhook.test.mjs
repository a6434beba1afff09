// The webhook's Node handler behind a real node:http server on 127.0.0.1.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createPhoneNumbersWebhook } from '../../dist/server/index.js';
import { CLIENT_SECRET, listen, rawRequest, signedHeaders, uploadUntilStopped, withWebhook } from './helpers.mjs';

const HOST = 'hooks.vendor.example';
const PATH = '/hubspot/phone-numbers';
const BODY = JSON.stringify({ appId: 11, portalId: 22, userId: 33 });

/** Per-test behaviour of the vendor's lookup, plus what the webhook reported. */
const vendor = {
  calls: [],
  errors: [],
  impl: async () => [],
};

const webhook = createPhoneNumbersWebhook({
  clientSecret: CLIENT_SECRET,
  listPhoneNumbers: (request) => {
    vendor.calls.push(request);
    return vendor.impl(request);
  },
  onError: (error, info) => vendor.errors.push({ message: error.message, ...info }),
});

let server;
before(async () => {
  server = await listen(webhook.node);
});
after(() => server.close());
beforeEach(() => {
  vendor.calls = [];
  vendor.errors = [];
  vendor.impl = async () => [];
});

/** POST `body` to `path`, signed over `signedUri` (default: what HubSpot would sign). */
function post({ body = BODY, path = PATH, signedUri = `https://${HOST}${path}`, timestamp, extraHeaders = {} } = {}) {
  return rawRequest(server.port, {
    path,
    headers: { host: HOST, ...signedHeaders({ signedUri, body, timestamp }), ...extraHeaders },
    body,
  });
}

describe('phone-numbers webhook (node:http)', { timeout: 5000 }, () => {
  test('answers a signed request with the documented shape', async () => {
    vendor.impl = async () => [{ e164PhoneNumber: '+18001231234', extension: '1', friendlyName: 'My cell phone number' }];
    const res = await post();
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.deepEqual(res.json, {
      phoneNumbers: [{ e164PhoneNumber: '+18001231234', extension: '1', friendlyName: 'My cell phone number' }],
    });
    assert.deepEqual(vendor.calls, [{ appId: 11, portalId: 22, userId: 33 }]);
  });

  test('drops invalid numbers, keeps extension verbatim, truncates names by grapheme', async () => {
    const family = '👨‍👩‍👧‍👦';
    vendor.impl = () => [
      { e164PhoneNumber: '+442071838750', extension: ' 12#', friendlyName: `${family.repeat(23)}é${family}` },
      { e164PhoneNumber: '(800) 123-1234', friendlyName: 'not E.164' },
      { e164PhoneNumber: '+0123456789' },
      { e164PhoneNumber: '+1800123' },
      { e164PhoneNumber: '+1234567890123456' },
      { e164PhoneNumber: '+180012' },
      { e164PhoneNumber: '+1 800 123 1234' },
      { e164PhoneNumber: '+15551234567', extension: 7 },
      'not an object',
      { e164PhoneNumber: '+4930123456', friendlyName: null, extension: null },
      { e164PhoneNumber: '+33123456789', friendlyName: 'Paris office — main line (front desk)' },
      { e164PhoneNumber: '+15557654321', friendlyName: 'Cafe\u0301 line' },
    ];
    const res = await post();
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.phoneNumbers, [
      // 23 families + "é" = 24 grapheme clusters; the 25th (a family) is cut whole.
      { e164PhoneNumber: '+442071838750', extension: ' 12#', friendlyName: `${family.repeat(23)}é` },
      { e164PhoneNumber: '+1800123' },
      { e164PhoneNumber: '+4930123456' },
      { e164PhoneNumber: '+33123456789', friendlyName: 'Paris office — main line' },
      { e164PhoneNumber: '+15557654321', friendlyName: 'Cafe\u0301 line' },
    ]);
    assert.deepEqual(
      vendor.errors.map((e) => [e.kind, e.index]),
      [
        ['invalid-phone-number', 1],
        ['invalid-phone-number', 2],
        ['invalid-phone-number', 4],
        ['invalid-phone-number', 5],
        ['invalid-phone-number', 6],
        ['invalid-phone-number', 7],
        ['invalid-phone-number', 8],
      ],
    );
  });

  test('a throwing listPhoneNumbers gives a bare 500', async () => {
    vendor.impl = async () => {
      throw new Error('db password is hunter2');
    };
    const res = await post();
    assert.equal(res.status, 500);
    assert.deepEqual(res.json, { status: 'error', message: 'Internal error' });
    assert.doesNotMatch(res.text, /hunter2/);
    assert.deepEqual(vendor.errors, [{ message: 'db password is hunter2', kind: 'list-failed' }]);
  });

  test('a non-array result gives 500', async () => {
    vendor.impl = async () => ({ phoneNumbers: [] });
    const res = await post();
    assert.equal(res.status, 500);
    assert.equal(vendor.errors[0].kind, 'invalid-list');
  });

  test('rejects a wrong secret, a tampered body and missing headers with 401', async () => {
    const wrongSecret = await rawRequest(server.port, {
      path: PATH,
      headers: { host: HOST, ...signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY, secret: 'nope' }) },
      body: BODY,
    });
    assert.equal(wrongSecret.status, 401);
    assert.equal(wrongSecret.json.reason, 'mismatch');

    const headers = signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY });
    const tampered = await rawRequest(server.port, {
      path: PATH,
      headers: { host: HOST, ...headers },
      body: BODY.replace('33', '34'),
    });
    assert.equal(tampered.status, 401);

    const unsigned = await rawRequest(server.port, { path: PATH, headers: { host: HOST }, body: BODY });
    assert.equal(unsigned.status, 401);
    assert.equal(unsigned.json.reason, 'missing-signature');

    const noTimestamp = await rawRequest(server.port, {
      path: PATH,
      headers: { host: HOST, 'x-hubspot-signature-v3': headers['x-hubspot-signature-v3'] },
      body: BODY,
    });
    assert.equal(noTimestamp.status, 401);
    assert.equal(noTimestamp.json.reason, 'missing-timestamp');
    assert.equal(vendor.calls.length, 0);
  });

  test('rejects stale timestamps', async () => {
    const res = await post({ timestamp: Date.now() - 5 * 60 * 1000 - 5000 });
    assert.equal(res.status, 401);
    assert.equal(res.json.reason, 'stale-timestamp');
    assert.equal(vendor.calls.length, 0);
  });

  test('signs over https + Host + raw path, decoding the listed escapes only', async () => {
    const path = '/hooks/phone%3Anumbers%2Fv1?tenant=a%40b&name=x%20y%26z';
    const ok = await post({ path, signedUri: `https://${HOST}/hooks/phone:numbers/v1?tenant=a@b&name=x%20y%26z` });
    assert.equal(ok.status, 200);
    // A signer that also decoded %20 and %26 computed a different string.
    const overDecoded = await post({ path, signedUri: `https://${HOST}/hooks/phone:numbers/v1?tenant=a@b&name=x y&z` });
    assert.equal(overDecoded.status, 401);
    // http:// or another host is not what HubSpot signed.
    const httpScheme = await post({ signedUri: `http://${HOST}${PATH}` });
    assert.equal(httpScheme.status, 401);
  });

  test('answers 405 with Allow for other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await rawRequest(server.port, { method, path: PATH, headers: { host: HOST } });
      assert.equal(res.status, 405, method);
      assert.equal(res.headers.allow, 'POST');
    }
  });

  test('answers 413 for a declared oversized body', async () => {
    const big = JSON.stringify({ appId: 1, portalId: 2, userId: 3, pad: 'x'.repeat(100_000) });
    const res = await post({ body: big });
    assert.equal(res.status, 413);
    assert.equal(vendor.calls.length, 0);
  });

  test('answers 413 from Content-Length alone, without waiting for the body', { timeout: 2000 }, async () => {
    const res = await new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: PATH,
          agent: false,
          headers: { host: HOST, 'content-length': '100000000', ...signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: '' }) },
        },
        (response) => {
          response.resume();
          resolve(response);
          req.destroy();
        },
      );
      req.on('error', (error) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
      req.write('{"appId":'); // never finished
    });
    assert.equal(res.statusCode, 413);
  });

  test('answers 400 for non-JSON, wrong types and invalid UTF-8 (all correctly signed)', async () => {
    const cases = [
      '',
      'not json',
      '{"appId":1,',
      'null',
      '[1,2,3]',
      '"string"',
      '{"appId":"11","portalId":22,"userId":33}',
      '{"appId":11.5,"portalId":22,"userId":33}',
      '{"appId":-1,"portalId":22,"userId":33}',
      '{"appId":0,"portalId":22,"userId":33}',
      '{"appId":11,"portalId":22}',
      '{"appId":11,"portalId":22,"userId":true}',
      '{"appId":11,"portalId":22,"userId":1e400}',
      '{"appId":11,"portalId":22,"userId":9007199254740993}',
      '{"__proto__":{"appId":1},"portalId":22,"userId":33}',
    ];
    for (const body of cases) {
      const res = await post({ body });
      assert.equal(res.status, 400, `body ${JSON.stringify(body)} -> ${res.status} ${res.text}`);
      assert.equal(res.json.status, 'error');
    }
    const field = await post({ body: '{"appId":"11","portalId":22}' });
    assert.equal(field.json.message, 'appId must be a positive integer; userId must be a positive integer');

    const invalidUtf8 = Buffer.concat([Buffer.from('{"appId":11,"portalId":22,"userId":33,"x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    // The signature covers the raw bytes, so sign them directly.
    const ts = Date.now();
    const byteSignature = createHmac('sha256', CLIENT_SECRET)
      .update(Buffer.concat([Buffer.from(`POSThttps://${HOST}${PATH}`), invalidUtf8, Buffer.from(String(ts))]))
      .digest('base64');
    const res = await rawRequest(server.port, {
      path: PATH,
      headers: { host: HOST, 'x-hubspot-request-timestamp': String(ts), 'x-hubspot-signature-v3': byteSignature },
      body: invalidUtf8,
    });
    assert.equal(res.status, 400);
    assert.equal(vendor.calls.length, 0);
  });

  test('extra fields in the request are ignored', async () => {
    const res = await post({ body: '{"appId":11,"portalId":22,"userId":33,"locale":"de"}' });
    assert.equal(res.status, 200);
    assert.deepEqual(vendor.calls, [{ appId: 11, portalId: 22, userId: 33 }]);
  });

  test('keeps serving after abusive input', async () => {
    const garbage = [
      { path: PATH, headers: { host: HOST, 'x-hubspot-signature-v3': 'x'.repeat(5000), 'x-hubspot-request-timestamp': 'NaN' } },
      { path: PATH, headers: { host: HOST, 'x-hubspot-signature-v3': '', 'x-hubspot-request-timestamp': '' } },
      { path: '/%ZZ%00?%%', headers: { host: HOST, 'x-hubspot-signature-v3': 'a', 'x-hubspot-request-timestamp': String(Date.now()) } },
    ];
    for (const request of garbage) {
      const res = await rawRequest(server.port, { ...request, body: '{}' });
      assert.equal(res.status, 401);
    }
    assert.equal((await post()).status, 200);
  });
});

describe('phone-numbers webhook body limit (streamed)', { timeout: 5000 }, () => {
  test('answers 413 for a chunked body over maxBodyBytes', async () => {
    let called = false;
    const small = createPhoneNumbersWebhook({
      clientSecret: CLIENT_SECRET,
      maxBodyBytes: 1024,
      listPhoneNumbers: () => {
        called = true;
        return [];
      },
    });
    const srv = await listen(small.node);
    try {
      const body = JSON.stringify({ appId: 1, portalId: 2, userId: 3, pad: 'y'.repeat(4000) });
      const res = await rawRequest(srv.port, {
        path: PATH,
        headers: { host: HOST, ...signedHeaders({ signedUri: `https://${HOST}${PATH}`, body }) },
        chunks: [body.slice(0, 500), body.slice(500, 2000), body.slice(2000)],
      });
      assert.equal(res.status, 413);
      assert.equal(res.headers.connection, 'close');
      assert.equal(called, false);
      // Under the limit, chunked is fine.
      const okBody = JSON.stringify({ appId: 1, portalId: 2, userId: 3 });
      const ok = await rawRequest(srv.port, {
        path: PATH,
        headers: { host: HOST, ...signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: okBody }) },
        chunks: [okBody.slice(0, 10), okBody.slice(10)],
      });
      assert.equal(ok.status, 200);
    } finally {
      await srv.close();
    }
  });
});

describe('phone-numbers webhook behind a proxy (publicUrl)', { timeout: 5000 }, () => {
  test('verifies against publicUrl, not the Host header', async () => {
    const publicUrl = 'https://public.vendor.example/hubspot/phone-numbers?tenant=acme';
    const proxied = createPhoneNumbersWebhook({
      clientSecret: CLIENT_SECRET,
      publicUrl,
      listPhoneNumbers: () => [{ e164PhoneNumber: '+18001231234' }],
    });
    const srv = await listen(proxied.node);
    try {
      const internal = { host: 'internal:8080', path: '/phone' };
      const good = await rawRequest(srv.port, {
        path: internal.path,
        headers: { host: internal.host, ...signedHeaders({ signedUri: publicUrl, body: BODY }) },
        body: BODY,
      });
      assert.equal(good.status, 200);
      assert.deepEqual(good.json, { phoneNumbers: [{ e164PhoneNumber: '+18001231234' }] });
      const viaHost = await rawRequest(srv.port, {
        path: internal.path,
        headers: {
          host: internal.host,
          ...signedHeaders({ signedUri: `https://${internal.host}${internal.path}`, body: BODY }),
        },
        body: BODY,
      });
      assert.equal(viaHost.status, 401);
    } finally {
      await srv.close();
    }
  });

  test('rejects bad options up front', () => {
    const listPhoneNumbers = () => [];
    assert.throws(() => createPhoneNumbersWebhook({ listPhoneNumbers }), /clientSecret is required/);
    assert.throws(() => createPhoneNumbersWebhook({ clientSecret: 's' }), /listPhoneNumbers must be a function/);
    assert.throws(
      () => createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers, publicUrl: 'http://x.example/' }),
      /publicUrl must be the absolute https URL/,
    );
    assert.throws(() => createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers, maxBodyBytes: 0 }), /maxBodyBytes/);
  });
});

describe('phone-numbers webhook replays (seen)', { timeout: 5000 }, () => {
  const SIGNED_URI = `https://${HOST}${PATH}`;
  const signedOnce = () => ({ host: HOST, ...signedHeaders({ signedUri: SIGNED_URI, body: BODY }) });

  test('on by default: the same signed request a second time gets 401 replayed', async () => {
    await withWebhook({}, async (srv, state) => {
      const headers = signedOnce();
      const first = await rawRequest(srv.port, { path: PATH, headers, body: BODY });
      assert.equal(first.status, 200);
      const replay = await rawRequest(srv.port, { path: PATH, headers, body: BODY });
      assert.equal(replay.status, 401);
      assert.deepEqual(replay.json, { status: 'error', message: 'HubSpot request already received', reason: 'replayed' });
      // HubSpot's next request has its own timestamp, so its own signature: accepted.
      const next = await rawRequest(srv.port, { path: PATH, headers: signedOnce(), body: BODY });
      assert.equal(next.status, 200);
      assert.equal(state.calls, 2);
    });
  });

  test('a copy with padded signature text is still the same signature', async () => {
    await withWebhook({}, async (srv) => {
      const headers = signedOnce();
      assert.equal((await rawRequest(srv.port, { path: PATH, headers, body: BODY })).status, 200);
      const padded = { ...headers, 'x-hubspot-signature-v3': ` ${headers['x-hubspot-signature-v3']} ` };
      const replay = await rawRequest(srv.port, { path: PATH, headers: padded, body: BODY });
      assert.equal(replay.status, 401);
      assert.equal(replay.json.reason, 'replayed');
    });
  });

  test('a custom hook gets the signature and timestamp; true means replay', async () => {
    const asked = [];
    const store = new Set();
    const seen = async (signature, timestamp) => {
      asked.push([signature, timestamp]);
      if (store.has(signature)) return true;
      store.add(signature);
      return false;
    };
    await withWebhook({ seen }, async (srv, state) => {
      const headers = signedOnce();
      assert.equal((await rawRequest(srv.port, { path: PATH, headers, body: BODY })).status, 200);
      assert.equal((await rawRequest(srv.port, { path: PATH, headers, body: BODY })).status, 401);
      assert.deepEqual(asked, [
        [headers['x-hubspot-signature-v3'], Number(headers['x-hubspot-request-timestamp'])],
        [headers['x-hubspot-signature-v3'], Number(headers['x-hubspot-request-timestamp'])],
      ]);
      assert.equal(state.calls, 1);
      // Only validly signed requests reach the hook.
      const forged = await rawRequest(srv.port, { path: PATH, headers: { ...headers, 'x-hubspot-signature-v3': 'AAAA' }, body: BODY });
      assert.equal(forged.status, 401);
      assert.equal(asked.length, 2);
    });
  });

  test('a hook that throws, rejects or answers something else fails closed (500, lookup not called)', async () => {
    const hooks = {
      throws: () => {
        throw new Error('redis: connection refused');
      },
      rejects: async () => {
        throw new Error('redis: timeout');
      },
      'answers OK': async () => 'OK',
      'answers null': async () => null,
      'answers nothing': () => undefined,
    };
    for (const [name, seen] of Object.entries(hooks)) {
      await withWebhook({ seen }, async (srv, state) => {
        const res = await rawRequest(srv.port, { path: PATH, headers: signedOnce(), body: BODY });
        assert.equal(res.status, 500, name);
        assert.deepEqual(res.json, { status: 'error', message: 'Internal error' });
        assert.doesNotMatch(res.text, /redis/);
        assert.equal(state.calls, 0, name);
        assert.equal(state.errors.length, 1, name);
        assert.equal(state.errors[0].kind, 'replay-check-failed');
      });
    }
  });

  test('a hook answering something else is told what to answer', async () => {
    await withWebhook({ seen: async () => 'OK' }, async (srv, state) => {
      await rawRequest(srv.port, { path: PATH, headers: signedOnce(), body: BODY });
      assert.match(state.errors[0].message, /seen must answer true \(already seen\) or false \(first time\), got "OK"/);
    });
  });

  test('seen: false turns the check off: a copy within the window is accepted', async () => {
    await withWebhook({ seen: false }, async (srv, state) => {
      const headers = signedOnce();
      assert.equal((await rawRequest(srv.port, { path: PATH, headers, body: BODY })).status, 200);
      assert.equal((await rawRequest(srv.port, { path: PATH, headers, body: BODY })).status, 200);
      assert.equal(state.calls, 2);
    });
  });

  test('rejects a seen or now option that is not a function', () => {
    const listPhoneNumbers = () => [];
    for (const seen of [true, 'redis', {}, null]) {
      assert.throws(
        () => createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers, seen }),
        /seen must be a function \(signature, timestamp\) => boolean, or false/,
      );
    }
    assert.throws(() => createPhoneNumbersWebhook({ clientSecret: 's', listPhoneNumbers, now: 5 }), /now must be a function/);
  });

  test('a clock that answers NaN fails closed (401 invalid-input) and tells onError why', async () => {
    await withWebhook({ now: () => NaN }, async (srv, state) => {
      const res = await rawRequest(srv.port, { path: PATH, headers: signedOnce(), body: BODY });
      assert.equal(res.status, 401);
      assert.equal(res.json.reason, 'invalid-input');
      assert.equal(state.calls, 0);
      assert.equal(state.errors[0].kind, 'internal');
      assert.match(state.errors[0].message, /now must be a finite number/);
    });
  });
});

describe('phone-numbers webhook: early answers stop the upload', { timeout: 10_000 }, () => {
  const UPLOAD = 64 * 1024 * 1024;
  // Kernel buffers and the bytes in flight while the answer is written: well under 64 MiB.
  const FAR_BELOW = 8 * 1024 * 1024;
  let srv;
  before(async () => {
    srv = await listen(webhook.node);
  });
  after(() => srv.close());

  /** Uploads 64 MiB on a fresh keep-alive connection and reports what the server took. */
  async function upload(head) {
    const before = srv.bytesRead();
    const result = await uploadUntilStopped(srv.port, { head, totalBytes: UPLOAD });
    return { ...result, serverRead: srv.bytesRead() - before };
  }

  const signed = () => signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY });
  const headerLines = (headers) =>
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n');

  const cases = {
    '401 for an unsigned chunked upload': {
      status: 401,
      head: `POST ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\nconnection: keep-alive\r\ntransfer-encoding: chunked`,
    },
    '405 for a PUT with a body': {
      status: 405,
      head: `PUT ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\nconnection: keep-alive\r\ncontent-length: ${UPLOAD}`,
    },
    '413 from Content-Length': {
      status: 413,
      head: `POST ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\nconnection: keep-alive\r\ncontent-length: ${UPLOAD}\r\n${headerLines(signed())}`,
    },
    '413 for a signed chunked upload over the limit': {
      status: 413,
      head: `POST ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\nconnection: keep-alive\r\ntransfer-encoding: chunked\r\n${headerLines(signed())}`,
    },
  };

  for (const [name, { status, head }] of Object.entries(cases)) {
    test(`${name}: connection: close, and the server stops reading`, async () => {
      const result = await upload(head);
      assert.equal(result.status, status);
      assert.equal(result.headers.connection, 'close');
      assert.ok(result.serverRead < FAR_BELOW, `server read ${result.serverRead} of ${result.sentBytes} bytes`);
      assert.ok(
        result.sentBytes < UPLOAD || ['EPIPE', 'ECONNRESET'].includes(result.errorCode),
        `upload was not stopped: sent ${result.sentBytes}, error ${result.errorCode}`,
      );
      assert.equal(vendor.calls.length, 0);
    });
  }

  test('a request whose body was read keeps its connection', async () => {
    const res = await rawRequest(srv.port, {
      path: PATH,
      headers: { host: HOST, connection: 'keep-alive', ...signed() },
      body: BODY,
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.connection, 'keep-alive');
    // A bad signature is only known after the body: nothing left to stop.
    const bad = await rawRequest(srv.port, {
      path: PATH,
      headers: { host: HOST, connection: 'keep-alive', ...signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY, secret: 'x' }) },
      body: BODY,
    });
    assert.equal(bad.status, 401);
    assert.equal(bad.headers.connection, 'keep-alive');
  });

  test('HTTP/2: the early answer arrives, the stream is reset, the session stays usable', async () => {
    const server = http2.createServer(webhook.node);
    let session;
    server.on('connection', (socket) => {
      session = socket;
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = http2.connect(`http://127.0.0.1:${server.address().port}`);
    try {
      const result = await new Promise((resolve) => {
        const req = client.request({ ':method': 'POST', ':path': PATH, ':authority': HOST });
        const out = { body: '', sent: 0 };
        req.on('response', (headers) => {
          out.status = headers[':status'];
          out.connection = headers.connection;
        });
        req.on('data', (data) => {
          out.body += data;
        });
        req.on('error', () => undefined);
        req.on('close', () => resolve({ ...out, rstCode: req.rstCode }));
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = () => {
          while (out.sent < UPLOAD && !req.destroyed) {
            out.sent += chunk.length;
            if (!req.write(chunk)) {
              req.once('drain', pump);
              return;
            }
          }
        };
        pump();
      });
      assert.equal(result.status, 401);
      assert.equal(JSON.parse(result.body).reason, 'missing-signature');
      assert.equal(result.connection, undefined);
      assert.equal(result.rstCode, http2.constants.NGHTTP2_CANCEL);
      assert.ok(session.bytesRead < FAR_BELOW, `server read ${session.bytesRead} bytes`);
      const next = await new Promise((resolve, reject) => {
        const req = client.request({ ':method': 'GET', ':path': PATH, ':authority': HOST });
        req.on('response', (headers) => resolve(headers[':status']));
        req.on('error', reject);
        req.end();
      });
      assert.equal(next, 405);
    } finally {
      client.close();
      server.close();
    }
  });
});
