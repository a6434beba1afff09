// Shared test helpers: an independent v3 signer (so tests do not just echo
// the implementation), a loopback server runner and a raw HTTP client.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { createPhoneNumbersWebhook } from '../../dist/server/index.js';

export const CLIENT_SECRET = 'test-client-secret-5b1c';

/**
 * Signs like HubSpot's documented v3 algorithm. `signedUri` is the URI in its
 * already-decoded form, written out by hand in each test.
 */
export function hubspotV3Signature({ method = 'POST', signedUri, body, timestamp, secret = CLIENT_SECRET }) {
  return createHmac('sha256', secret).update(`${method}${signedUri}${body}${timestamp}`, 'utf8').digest('base64');
}

let lastTimestamp = 0;
/**
 * Date.now(), but never the same value twice: the webhook refuses a signature
 * it has seen, and two tests signing the same body in one millisecond would collide.
 */
export function uniqueNow() {
  lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
  return lastTimestamp;
}

/** Signature headers for a request signed over `signedUri`. */
export function signedHeaders({ signedUri, body, timestamp = uniqueNow(), secret = CLIENT_SECRET, method = 'POST' }) {
  return {
    'content-type': 'application/json',
    'x-hubspot-request-timestamp': String(timestamp),
    'x-hubspot-signature-v3': hubspotV3Signature({ method, signedUri, body, timestamp, secret }),
  };
}

/** Runs `listener` behind a real node:http server on 127.0.0.1:0. */
/** Resolves with what `promise` rejected with; fails the test if it resolved. */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

/**
 * A phone-numbers webhook on a real loopback server for `run(srv, state)`: `state.calls` counts
 * the lookups, `state.errors` collects onError; `options` go to createPhoneNumbersWebhook.
 */
export async function withWebhook(options, run, state = { calls: 0, errors: [] }) {
  const hook = createPhoneNumbersWebhook({
    clientSecret: CLIENT_SECRET,
    listPhoneNumbers: () => {
      state.calls += 1;
      return [{ e164PhoneNumber: '+18001231234' }];
    },
    onError: (error, info) => state.errors.push({ message: error.message, ...info }),
    ...options,
  });
  const srv = await listen(hook.node);
  try {
    await run(srv, state);
  } finally {
    await srv.close();
  }
}

export async function listen(listener) {
  const server = http.createServer(listener);
  const sockets = new Set();
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    /** Bytes the server has taken off the wire so far, over all connections. */
    bytesRead() {
      let total = 0;
      for (const socket of sockets) total += socket.bytesRead;
      return total;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Raw request with full control over path, Host header and body framing.
 * `chunks` (array) sends a chunked body without Content-Length.
 */
export function rawRequest(port, { method = 'POST', path = '/', headers = {}, body, chunks }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    // Writing after an early 413 can fail with EPIPE/ECONNRESET; the response is what matters.
    req.on('error', (error) => reject(error));
    if (chunks) {
      for (const chunk of chunks) req.write(chunk);
      req.end();
    } else {
      req.end(body);
    }
  });
}

/**
 * Opens a raw keep-alive HTTP/1.1 connection, sends `head`, then uploads up to
 * `totalBytes` as fast as the server takes them (chunked unless the head has a
 * Content-Length). Resolves once the connection is closed, by the server or
 * after `giveUpMs`, with what came back and how far the upload got.
 */
export function uploadUntilStopped(port, { head, totalBytes, giveUpMs = 3000 }) {
  const chunked = !/^content-length:/im.test(head);
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const received = [];
    let sentBytes = 0;
    let errorCode;
    const timer = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on('data', (data) => received.push(data));
    socket.on('error', (error) => {
      errorCode = error.code;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(received).toString('latin1');
      const [statusLine = '', ...lines] = text.split('\r\n\r\n')[0].split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, sentBytes, errorCode });
    });
    socket.write(`${head.trimEnd()}\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const frame = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
    const pump = () => {
      while (sentBytes < totalBytes && !socket.destroyed) {
        sentBytes += chunk.length;
        if (!socket.write(frame)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (sentBytes >= totalBytes && !socket.destroyed) socket.end(chunked ? '0\r\n\r\n' : '');
    };
    pump();
  });
}

/** A port with nothing listening, for network-failure tests. */
export async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Collects writes, like process.stdout. */
export function sink() {
  const chunks = [];
  return {
    write(text) {
      chunks.push(String(text));
      return true;
    },
    get text() {
      return chunks.join('');
    },
  };
}

/** Records sleep calls without waiting. */
export function recordingSleep() {
  const calls = [];
  const sleep = async (ms) => {
    calls.push(ms);
  };
  return { sleep, calls };
}
