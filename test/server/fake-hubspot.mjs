// A loopback stand-in for HubSpot's calling-settings API, for tests only.
// Implements the documented endpoints with in-memory state per appId,
// records every request, checks `hapikey`, and can be told to answer the
// next requests with canned statuses (429 + Retry-After, 5xx, 4xx), or to
// cut a response off part-way through its body (reset or stall).
import http from 'node:http';

const ROUTE = /^\/crm\/v3\/extensions\/calling\/([0-9]+)\/settings(\/channel-connection)?$/;

let correlationCounter = 0;

/** HubSpot's error body shape. */
export function hubSpotError(message, category, extra = {}) {
  correlationCounter += 1;
  return {
    status: 'error',
    message,
    correlationId: `fake-corr-${correlationCounter}`,
    category,
    ...extra,
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...(text && { 'content-type': 'application/json;charset=utf-8' }),
    ...headers,
  });
  res.end(text);
}

/**
 * Starts the fake on 127.0.0.1 with a random port.
 * @param {{ apiKey: string }} options
 */
export async function startFakeHubSpot({ apiKey }) {
  /** appId -> { settings?: object, 'channel-connection'?: object } */
  const state = new Map();
  const requests = [];
  const canned = [];

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://fake.invalid');
    const rawBody = await readBody(req);
    const record = {
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      rawBody,
      body: rawBody ? safeParse(rawBody) : undefined,
    };
    requests.push(record);

    const next = canned.shift();
    if (next?.cut) {
      cutOff(res, next);
      return;
    }
    if (next) {
      send(res, next.status, next.body, next.headers);
      return;
    }

    const match = ROUTE.exec(url.pathname);
    if (!match) {
      send(res, 404, hubSpotError(`No route for ${url.pathname}`, 'OBJECT_NOT_FOUND'));
      return;
    }
    if (url.searchParams.get('hapikey') !== apiKey) {
      send(res, 401, hubSpotError('The API key provided is invalid.', 'INVALID_AUTHENTICATION'));
      return;
    }

    const appId = match[1];
    const kind = match[2] ? 'channel-connection' : 'settings';
    const app = state.get(appId) ?? {};
    state.set(appId, app);
    const existing = app[kind];
    const stamp = new Date().toISOString();

    switch (req.method) {
      case 'POST': {
        if (existing) {
          send(res, 409, hubSpotError(`${kind} already exist for app ${appId}`, 'CONFLICT'));
          return;
        }
        if (!isObject(record.body)) {
          send(res, 400, hubSpotError('Invalid input JSON', 'VALIDATION_ERROR'));
          return;
        }
        app[kind] = { ...record.body, createdAt: stamp, updatedAt: stamp };
        send(res, 200, app[kind]);
        return;
      }
      case 'GET':
        if (!existing) send(res, 404, hubSpotError(`No ${kind} for app ${appId}`, 'OBJECT_NOT_FOUND'));
        else send(res, 200, existing);
        return;
      case 'PATCH':
        if (!existing) {
          send(res, 404, hubSpotError(`No ${kind} for app ${appId}`, 'OBJECT_NOT_FOUND'));
          return;
        }
        if (!isObject(record.body)) {
          send(res, 400, hubSpotError('Invalid input JSON', 'VALIDATION_ERROR'));
          return;
        }
        app[kind] = { ...existing, ...record.body, updatedAt: stamp };
        send(res, 200, app[kind]);
        return;
      case 'DELETE':
        if (!existing) {
          send(res, 404, hubSpotError(`No ${kind} for app ${appId}`, 'OBJECT_NOT_FOUND'));
          return;
        }
        delete app[kind];
        send(res, 204);
        return;
      default:
        send(res, 405, hubSpotError(`${req.method} not allowed`, 'METHOD_NOT_ALLOWED'));
    }
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    state,
    requests,
    /** Answer the next request with this instead of the normal behaviour. */
    enqueue(status, body, headers) {
      canned.push({ status, body, headers });
    },
    /**
     * Answer the next request with `status` and the first `afterBytes` of `body`
     * (Content-Length promises all of it), then `cut`: 'reset' sends a TCP RST,
     * 'stall' sends nothing more and keeps the connection open.
     */
    enqueueCutOff(status, body, { afterBytes, cut = 'reset' }) {
      canned.push({ status, body, afterBytes, cut });
    },
    reset() {
      state.clear();
      requests.length = 0;
      canned.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

function cutOff(res, { status, body, afterBytes, cut }) {
  const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': String(bytes.length) });
  res.write(bytes.subarray(0, afterBytes), () => {
    if (cut === 'reset') res.socket?.resetAndDestroy();
  });
}

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
