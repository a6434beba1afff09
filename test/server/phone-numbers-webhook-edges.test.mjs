// The Node webhook handler under odd encodings, window edges, replay hooks
// that misbehave, and HTTP/1.1 connection reuse after an early answer.
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import net from 'node:net';
import { describe, test } from 'node:test';
import { MAX_SIGNATURE_AGE_MS, createPhoneNumbersWebhook } from '../../dist/server/index.js';
import { CLIENT_SECRET, hubspotV3Signature, listen, rawRequest, signedHeaders, withWebhook } from './helpers.mjs';

const HOST = 'hooks.vendor.example';
const PATH = '/hubspot/phone-numbers';
const BODY = JSON.stringify({ appId: 11, portalId: 22, userId: 33 });

/** A webhook on a real server, with a counting seen hook (default: in-memory semantics). */
function withCountingWebhook(options, run) {
  const state = { calls: 0, seenCalls: [], errors: [] };
  const store = new Set();
  const seen = (signature, timestamp) => {
    state.seenCalls.push([signature, timestamp]);
    if (store.has(signature)) return true;
    store.add(signature);
    return false;
  };
  return withWebhook({ seen, ...options }, run, state);
}

const headerLines = (headers) =>
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');

/** Writes `bytes` on one raw connection and collects everything until the server closes it. */
function rawExchange(port, bytes, giveUpMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on('data', (d) => {
      text += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, statuses: [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1])) });
    });
    socket.write(bytes);
  });
}

function signedRequestBytes(headers, body = BODY) {
  return `POST ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headerLines(headers)}\r\n\r\n${body}`;
}

describe('HTTP/1.1 reuse after an early answer', { timeout: 10_000 }, () => {
  // After an early answer (connection: close), Node may already have parsed the
  // next pipelined request on the socket. Its answer can never be sent, so it must
  // not run the lookup or use up its signature: the client will send it again.
  const earlyAnswers = {
    401: `POST ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\ncontent-length: 5\r\n\r\nhello`,
    405: `GET ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\n\r\n`,
    // The whole declared body is sent, so the signed request really follows it.
    413: `POST ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\ncontent-length: 20000\r\n\r\n${'a'.repeat(20_000)}`,
  };
  for (const [status, head] of Object.entries(earlyAnswers)) {
    test(`a pipelined signed request behind an early ${status} is not processed and not burned`, async () => {
      await withCountingWebhook({}, async (srv, state) => {
        const signed = signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY });
        const first = await rawExchange(srv.port, head + signedRequestBytes(signed));
        assert.deepEqual(first.statuses, [Number(status)], `only the early ${status} comes back on that socket`);
        assert.match(first.text, /connection: close/i);
        await new Promise((r) => setTimeout(r, 50));
        assert.equal(state.calls, 0, 'the lookup ran for a request whose answer was thrown away');
        assert.deepEqual(state.seenCalls, [], 'the signature was used up for a request whose answer was thrown away');
        const again = await rawExchange(srv.port, signedRequestBytes({ ...signed, connection: 'close' }));
        assert.deepEqual(again.statuses, [200], `resent on a fresh connection: ${again.text.split('\r\n\r\n')[1]}`);
      });
    });
  }

  test('a signed request ahead of the early answer in the pipeline is still answered', async () => {
    // Only what comes after the early answer is lost; the request before it is answered first.
    const store = new Set();
    const slowSeen = async (signature) => {
      await new Promise((r) => setTimeout(r, 100));
      if (store.has(signature)) return true;
      store.add(signature);
      return false;
    };
    await withCountingWebhook({ seen: slowSeen }, async (srv, state) => {
      const signed = signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY });
      const unsigned = `POST ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\ncontent-length: 5\r\n\r\nhello`;
      const result = await rawExchange(srv.port, signedRequestBytes(signed) + unsigned);
      assert.deepEqual(result.statuses, [200, 401], result.text);
      assert.equal(state.calls, 1);
    });
  });

  test('a client that leaves while seen is answering: the lookup is not run', async () => {
    let answerSeen;
    await withCountingWebhook(
      {
        seen: () =>
          new Promise((resolve) => {
            answerSeen = resolve;
          }),
      },
      async (srv, state) => {
        const signed = signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY });
        const socket = net.connect(srv.port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.write(signedRequestBytes(signed));
        while (!answerSeen) await new Promise((r) => setTimeout(r, 5));
        socket.destroy();
        await new Promise((r) => setTimeout(r, 100));
        answerSeen(false);
        await new Promise((r) => setTimeout(r, 50));
        assert.equal(state.calls, 0);
      },
    );
  });

  test('sequential keep-alive after an early 405: the socket is closed, no second request is read', async () => {
    await withCountingWebhook({}, async (srv, state) => {
      const signed = signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY });
      const socket = net.connect(srv.port, '127.0.0.1');
      let text = '';
      socket.on('data', (d) => {
        text += d;
      });
      const closed = new Promise((r) => socket.on('close', r));
      socket.write(`GET ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\nconnection: keep-alive\r\n\r\n`);
      await new Promise((r) => setTimeout(r, 100));
      if (!socket.destroyed) socket.write(signedRequestBytes(signed));
      socket.on('error', () => undefined);
      await closed;
      assert.match(text, /^HTTP\/1\.1 405/);
      assert.equal((text.match(/HTTP\/1\.1/g) ?? []).length, 1);
      assert.equal(state.calls, 0);
    });
  });
});

describe('odd header encodings never reach the seen hook', { timeout: 10_000 }, () => {
  const signedUri = `https://${HOST}${PATH}`;

  test('duplicate signature / timestamp headers, oversized and forged signatures are 401 without asking seen', async () => {
    await withCountingWebhook({}, async (srv, state) => {
      const good = signedHeaders({ signedUri, body: BODY });
      const sig = good['x-hubspot-signature-v3'];
      const ts = good['x-hubspot-request-timestamp'];
      const cases = {
        'two signature headers (valid + junk)': `x-hubspot-signature-v3: ${sig}\r\nx-hubspot-signature-v3: AAAA\r\nx-hubspot-request-timestamp: ${ts}`,
        'two copies of the valid signature': `x-hubspot-signature-v3: ${sig}\r\nx-hubspot-signature-v3: ${sig}\r\nx-hubspot-request-timestamp: ${ts}`,
        'two timestamps': `x-hubspot-signature-v3: ${sig}\r\nx-hubspot-request-timestamp: ${ts}\r\nx-hubspot-request-timestamp: ${ts}`,
        'signature, 12 KB': `x-hubspot-signature-v3: ${'A'.repeat(12_000)}\r\nx-hubspot-request-timestamp: ${ts}`,
        'timestamp in seconds': `x-hubspot-signature-v3: ${sig}\r\nx-hubspot-request-timestamp: ${Math.floor(Number(ts) / 1000)}`,
        'timestamp with a plus sign': `x-hubspot-signature-v3: ${sig}\r\nx-hubspot-request-timestamp: +${ts}`,
        'signature without base64 padding': `x-hubspot-signature-v3: ${sig.replace(/=+$/, '')}\r\nx-hubspot-request-timestamp: ${ts}`,
        'signature as base64url': `x-hubspot-signature-v3: ${sig.replace(/\+/g, '-').replace(/\//g, '_')}\r\nx-hubspot-request-timestamp: ${ts}`,
      };
      for (const [name, lines] of Object.entries(cases)) {
        if (name === 'signature as base64url' && !/[+/]/.test(sig)) continue;
        const res = await rawExchange(
          srv.port,
          `POST ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\nconnection: close\r\ncontent-length: ${BODY.length}\r\n${lines}\r\n\r\n${BODY}`,
        );
        assert.deepEqual(res.statuses, [401], name);
      }
      assert.deepEqual(state.seenCalls, [], 'seen was asked about an invalid request');
      assert.equal(state.calls, 0);
      // And the genuine request still works afterwards.
      assert.equal((await rawRequest(srv.port, { path: PATH, headers: { host: HOST, ...good }, body: BODY })).status, 200);
    });
  });

  test('a forged flood never reaches seen', async () => {
    await withCountingWebhook({}, async (srv, state) => {
      const ts = String(Date.now());
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          rawRequest(srv.port, {
            path: PATH,
            headers: { host: HOST, 'x-hubspot-request-timestamp': ts, 'x-hubspot-signature-v3': `forged${i}==` },
            body: BODY,
          }),
        ),
      );
      assert.equal(state.seenCalls.length, 0);
    });
  });

  test('percent-encoding, case of escapes, query strings and trailing slashes', async () => {
    await withCountingWebhook({}, async (srv, state) => {
      const send = (path, signed) =>
        rawRequest(srv.port, { path, headers: { host: HOST, ...signedHeaders({ signedUri: signed, body: BODY }) }, body: BODY });
      // Listed escapes decode in either case; others stay.
      assert.equal((await send(`${PATH}?a=b%3ac&d=%20`, `https://${HOST}${PATH}?a=b:c&d=%20`)).status, 200);
      // Signed without the trailing slash, called with it: refused.
      assert.equal((await send(`${PATH}/`, `https://${HOST}${PATH}`)).status, 401);
      // Signed with %20 decoded to a space: refused (only the listed escapes decode).
      assert.equal((await send(`${PATH}?q=%20`, `https://${HOST}${PATH}?q= `)).status, 401);
      // Query dropped by the signer: refused.
      assert.equal((await send(`${PATH}?x=1`, `https://${HOST}${PATH}`)).status, 401);
      assert.equal(state.seenCalls.length, 1);
    });
  });
});

describe('timestamp window edges through the webhook', { timeout: 10_000 }, () => {
  test('exactly ±5 min accepted, 1 ms beyond refused (stale / future)', async () => {
    const NOW = 1_800_000_000_000;
    await withCountingWebhook({ now: () => NOW }, async (srv, state) => {
      const at = async (timestamp) => {
        const res = await rawRequest(srv.port, {
          path: PATH,
          headers: { host: HOST, ...signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY, timestamp }) },
          body: BODY,
        });
        return res.status === 200 ? 200 : `${res.status} ${res.json?.reason}`;
      };
      assert.equal(await at(NOW - MAX_SIGNATURE_AGE_MS), 200);
      assert.equal(await at(NOW - MAX_SIGNATURE_AGE_MS - 1), '401 stale-timestamp');
      assert.equal(await at(NOW + MAX_SIGNATURE_AGE_MS), 200);
      assert.equal(await at(NOW + MAX_SIGNATURE_AGE_MS + 1), '401 future-timestamp');
      assert.equal(await at(`000${NOW}`), 200); // leading zeros are signed as sent
      assert.equal(state.seenCalls.length, 3);
    });
  });
});

describe('seen hooks that are slow, hang or race', { timeout: 10_000 }, () => {
  test('default guard: 20 parallel copies of one signed request, exactly one 200', async () => {
    await withCountingWebhook({ seen: undefined }, async (srv, state) => {
      const headers = { host: HOST, ...signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY }) };
      const results = await Promise.all(
        Array.from({ length: 20 }, () => rawRequest(srv.port, { path: PATH, headers, body: BODY })),
      );
      const statuses = results.map((r) => r.status).sort();
      assert.equal(statuses.filter((s) => s === 200).length, 1, String(statuses));
      assert.equal(state.calls, 1);
    });
  });

  test('a slow hook (300 ms) delays the answer but it still comes', async () => {
    await withCountingWebhook(
      { seen: () => new Promise((r) => setTimeout(() => r(false), 300)) },
      async (srv, state) => {
        const started = Date.now();
        const res = await rawRequest(srv.port, {
          path: PATH,
          headers: { host: HOST, ...signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY }) },
          body: BODY,
        });
        assert.equal(res.status, 200);
        assert.ok(Date.now() - started >= 290);
        assert.equal(state.calls, 1);
      },
    );
  });

  test('a hook that never answers fails closed after seenTimeoutMs: 500, lookup not run', async () => {
    await withCountingWebhook({ seen: () => new Promise(() => undefined), seenTimeoutMs: 200 }, async (srv, state) => {
      const started = Date.now();
      const res = await rawRequest(srv.port, {
        path: PATH,
        headers: { host: HOST, ...signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY }) },
        body: BODY,
      });
      assert.equal(res.status, 500);
      assert.ok(Date.now() - started >= 190);
      assert.equal(state.calls, 0);
      assert.deepEqual(state.errors, [
        { kind: 'replay-check-failed', message: 'seen did not answer within 200 ms (seenTimeoutMs); the request was refused' },
      ]);
    });
  });

  test('seenTimeoutMs must be a whole number of ms that a timer can wait', () => {
    for (const seenTimeoutMs of [0, -1, 1.5, NaN, Infinity, 2 ** 31, '5000']) {
      assert.throws(
        () => createPhoneNumbersWebhook({ clientSecret: CLIENT_SECRET, listPhoneNumbers: () => [], seenTimeoutMs }),
        /seenTimeoutMs must be a whole number of milliseconds from 1 to 2147483647, or left out for 5000/,
      );
    }
  });

  test('a hook answering a Boolean object, a thenable of 1, or 0 fails closed', async () => {
    for (const seen of [() => new Boolean(false), () => ({ then: (r) => r(1) }), () => 0]) {
      await withCountingWebhook({ seen }, async (srv, state) => {
        const res = await rawRequest(srv.port, {
          path: PATH,
          headers: { host: HOST, ...signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY }) },
          body: BODY,
        });
        assert.equal(res.status, 500);
        assert.equal(state.calls, 0);
        assert.equal(state.errors[0]?.kind, 'replay-check-failed');
      });
    }
  });
});

describe('bodies that lie or dribble', { timeout: 10_000 }, () => {
  test('a signed-looking chunked body over the limit, arriving slowly, gets 413 and connection: close', async () => {
    await withCountingWebhook({ maxBodyBytes: 4096 }, async (srv, state) => {
      const result = await new Promise((resolve) => {
        const socket = net.connect(srv.port, '127.0.0.1');
        let text = '';
        let sent = 0;
        socket.on('data', (d) => {
          text += d;
        });
        socket.on('error', () => undefined);
        const timer = setInterval(() => {
          if (socket.destroyed) return;
          sent += 512;
          socket.write(`200\r\n${'a'.repeat(512)}\r\n`);
        }, 5);
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ text, sent });
        });
        socket.write(
          `POST ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\ntransfer-encoding: chunked\r\nx-hubspot-signature-v3: forged\r\nx-hubspot-request-timestamp: ${Date.now()}\r\n\r\n`,
        );
        setTimeout(() => socket.destroy(), 3000);
      });
      assert.match(result.text, /^HTTP\/1\.1 413/);
      assert.match(result.text, /connection: close/i);
      assert.ok(result.sent < 64 * 1024, `kept reading: ${result.sent} bytes`);
      assert.equal(state.seenCalls.length, 0);
    });
  });

  test('Content-Length shorter than the body: the signature covers only what was declared', async () => {
    await withCountingWebhook({}, async (srv, state) => {
      const headers = signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY });
      const res = await rawExchange(
        srv.port,
        `POST ${PATH} HTTP/1.1\r\nhost: ${HOST}\r\ncontent-length: ${BODY.length - 1}\r\n${headerLines(headers)}\r\n\r\n${BODY}`,
      );
      // Node itself answers 400 for the stray trailing byte (parsed as a next request) and drops the socket.
      assert.ok([400, 401].includes(res.statuses[0]), res.text);
      assert.equal(state.seenCalls.length, 0);
      assert.equal(state.calls, 0);
    });
  });

  test('signature headers valid but timestamp stale: refused even with a body the signer never saw', async () => {
    await withCountingWebhook({}, async (srv) => {
      const old = Date.now() - MAX_SIGNATURE_AGE_MS - 10_000;
      const sig = hubspotV3Signature({ signedUri: `https://${HOST}${PATH}`, body: BODY, timestamp: old });
      const res = await rawRequest(srv.port, {
        path: PATH,
        headers: { host: HOST, 'x-hubspot-signature-v3': sig, 'x-hubspot-request-timestamp': String(old) },
        body: BODY,
      });
      assert.equal(res.status, 401);
      assert.equal(res.json.reason, 'stale-timestamp');
    });
  });
});

describe('HTTP/2, an early answer on one stream leaves the others alone', { timeout: 10_000 }, () => {
  test('unsigned 8 MiB upload (401, stream reset) beside a genuine request on the same session (200)', async () => {
    const calls = [];
    const hook = createPhoneNumbersWebhook({
      clientSecret: CLIENT_SECRET,
      listPhoneNumbers: (r) => {
        calls.push(r);
        return [];
      },
    });
    const server = http2.createServer(hook.node);
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const client = http2.connect(`http://127.0.0.1:${server.address().port}`);
    const call = (headers, write) =>
      new Promise((resolve) => {
        const req = client.request({ ':method': 'POST', ':path': PATH, ':authority': HOST, ...headers });
        const out = { body: '' };
        req.on('response', (h) => {
          out.status = h[':status'];
        });
        req.on('data', (d) => {
          out.body += d;
        });
        req.on('error', () => undefined);
        req.on('close', () => resolve({ ...out, rst: req.rstCode }));
        write(req);
      });
    try {
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const [upload, genuine] = await Promise.all([
        call({}, (req) => {
          let sent = 0;
          const pump = () => {
            while (sent < 8 * 1024 * 1024 && !req.destroyed) {
              sent += chunk.length;
              if (!req.write(chunk)) return void req.once('drain', pump);
            }
          };
          pump();
        }),
        call(signedHeaders({ signedUri: `https://${HOST}${PATH}`, body: BODY }), (req) => req.end(BODY)),
      ]);
      assert.equal(upload.status, 401);
      assert.equal(upload.rst, http2.constants.NGHTTP2_CANCEL);
      assert.equal(genuine.status, 200, genuine.body);
      assert.equal(calls.length, 1);
    } finally {
      client.close();
      server.close();
    }
  });
});
