// Shared test helpers: an independent v3 signer (so tests do not just echo
// the implementation), a loopback server runner and a raw HTTP client.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';

export const CLIENT_SECRET = 'test-client-secret-5b1c';

/**
 * Signs like HubSpot's documented v3 algorithm. `signedUri` is the URI in its
 * already-decoded form, written out by hand in each test.
 */
export function hubspotV3Signature({ method = 'POST', signedUri, body, timestamp, secret = CLIENT_SECRET }) {
  return createHmac('sha256', secret).update(`${method}${signedUri}${body}${timestamp}`, 'utf8').digest('base64');
}

/** Signature headers for a request signed over `signedUri`. */
export function signedHeaders({ signedUri, body, timestamp = Date.now(), secret = CLIENT_SECRET, method = 'POST' }) {
  return {
    'content-type': 'application/json',
    'x-hubspot-request-timestamp': String(timestamp),
    'x-hubspot-signature-v3': hubspotV3Signature({ method, signedUri, body, timestamp, secret }),
  };
}

/** Runs `listener` behind a real node:http server on 127.0.0.1:0. */
export async function listen(listener) {
  const server = http.createServer(listener);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
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
