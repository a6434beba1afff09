// The webhook's Node handler behind a real node:http server on 127.0.0.1.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createPhoneNumbersWebhook } from '../../dist/server/index.js';
import { CLIENT_SECRET, listen, rawRequest, signedHeaders } from './helpers.mjs';

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
