/**
 * `npm start`: the HubSpot host simulator.
 *
 * Two dev servers over the same files, so the calling iframe is really cross-origin, as it is
 * inside HubSpot: the "HubSpot" page on http://localhost:HOST_PORT, the vendor's calling app on
 * http://127.0.0.1:APP_PORT. Both serve the built files in dist/ as they are (no transform);
 * nodeResolve only rewrites the host page's bare `@hubspot/calling-extensions-sdk` import.
 *
 * CLI: `node scripts/start.mjs [--open] [--app <url>]`; HOST_PORT and APP_PORT override 8000 and 8001.
 * `--app` frames the vendor's own calling page instead of the demo softphone: it prints (and with
 * --open opens) the simulator's address with `?app=<url>`, which the page reads (demo/app-url.js).
 * API: `start({ hostPort, appPort, app })` resolves to `{ hostUrl, appUrl, simulatorUrl, stop() }`;
 * port 0 picks a free one; `simulatorUrl` is the address to open (hostUrl, with `?app=` if given).
 */
import { existsSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { parseAppUrl, withAppUrl } from '../demo/app-url.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REQUIRED_BUILD = ['dist/hubspot-softphone.min.js', 'dist/host/hubspot-host.js'];
const HOST_NAME = 'localhost';
const APP_NAME = '127.0.0.1';

export const DEFAULT_HOST_PORT = 8000;
export const DEFAULT_APP_PORT = 8001;

function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name}=${raw} is not a port number (0-65535).`);
  return port;
}

/** Fails with a clear message when the port is taken; the dev server would just exit. */
function ensurePortFree(port, role) {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => {
      const why = error.code === 'EADDRINUSE' ? 'is already in use' : error.code === 'EACCES' ? 'needs more privileges' : `cannot be opened (${error.code})`;
      reject(
        Object.assign(
          new Error(`Port ${port} for the ${role} ${why}. Stop whatever uses it, or pick other ports: HOST_PORT=9000 APP_PORT=9001 npm start`),
          { code: error.code },
        ),
      );
    });
    // Same binding as the dev server (all interfaces), so the probe sees what it would.
    probe.listen({ port }, () => probe.close(() => resolve()));
  });
}

/** Koa middleware: answers `routes[path]` and lets everything else through. */
function routes(table) {
  return (ctx, next) => {
    const route = table[ctx.path];
    return route ? route(ctx) : next();
  };
}

/**
 * A calling-window remote's "Open calling window" button opens HubSpot's calling-window page,
 * `/calling-integration-popup-ui/<portalId>`, on the host origin. The simulator's stand-in
 * (demo/calling-window.html) brings the calling window frame back in the simulator's tab.
 */
function callingWindowPage(ctx, next) {
  const match = /^\/calling-integration-popup-ui\/(\d{1,20})\/?$/.exec(ctx.path);
  if (!match) return next();
  ctx.redirect(`/demo/calling-window.html?portalId=${match[1]}`);
}

/** The dev server listens on every interface; only this machine may use it (it serves the repo). */
function loopbackOnly(ctx, next) {
  const ip = ctx.req.socket.remoteAddress ?? '';
  if (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.')) return next();
  ctx.status = 403;
  ctx.body = 'The HubSpot simulator only answers requests from this machine.';
}

async function serve({ port, hostname, middleware, open }) {
  const server = await startDevServer({
    config: {
      rootDir: ROOT,
      port,
      hostname,
      nodeResolve: true,
      watch: false,
      injectWebSocket: false,
      open: open ?? false,
      middleware: [loopbackOnly, ...middleware],
    },
    readCliArgs: false,
    readFileConfig: false,
    // Ctrl+C is handled below, once for both servers.
    autoExitProcess: false,
    logStartMessage: false,
  });
  return { server, port: server.server?.address()?.port ?? port };
}

/** Starts both servers; resolves once both listen. */
export async function start({
  hostPort = portFromEnv('HOST_PORT', DEFAULT_HOST_PORT),
  appPort = portFromEnv('APP_PORT', DEFAULT_APP_PORT),
  open = false,
  app,
} = {}) {
  const vendor = app === undefined || app === null ? null : parseAppUrl(app);
  if (vendor?.error) throw new Error(`--app: ${vendor.error}`);
  const missing = REQUIRED_BUILD.filter((file) => !existsSync(new URL(`../${file}`, import.meta.url)));
  if (missing.length) throw new Error(`Missing ${missing.join(' and ')}: run "npm run build" first ("npm start" builds for you).`);
  if (hostPort !== 0 && hostPort === appPort) throw new Error(`HOST_PORT and APP_PORT are both ${hostPort}; the two origins need two ports.`);
  await ensurePortFree(hostPort, 'HubSpot host page (HOST_PORT)');
  await ensurePortFree(appPort, 'calling app (APP_PORT)');

  const demo = await serve({
    port: appPort,
    hostname: APP_NAME,
    middleware: [routes({ '/': (ctx) => ctx.redirect('/demo/softphone.html') })],
  });
  const appOrigin = `http://${APP_NAME}:${demo.port}`;

  let host;
  try {
    host = await serve({
      port: hostPort,
      hostname: HOST_NAME,
      open: open ? `/demo/${vendor ? `?app=${encodeURIComponent(vendor.url)}` : ''}` : false,
      middleware: [
        callingWindowPage,
        routes({
          '/': (ctx) => ctx.redirect('/demo/'),
          // Tells the simulator page where the calling app lives.
          '/demo/config.json': (ctx) => {
            ctx.type = 'application/json';
            ctx.set('Cache-Control', 'no-store');
            ctx.body = JSON.stringify({ appOrigin });
          },
        }),
      ],
    });
  } catch (error) {
    await demo.server.stop();
    throw error;
  }

  let stopped;
  const hostUrl = `http://${HOST_NAME}:${host.port}/demo/`;
  return {
    hostUrl,
    appUrl: `${appOrigin}/demo/softphone.html`,
    simulatorUrl: withAppUrl(hostUrl, vendor?.url),
    stop() {
      stopped ??= Promise.all([host.server.stop(), demo.server.stop()]).then(() => undefined);
      return stopped;
    },
  };
}

const USAGE = 'Usage: npm start -- [--open] [--app <url of your calling page>]';

/** `--open`, `--app <url>` / `--app=<url>`; anything else is a mistake worth saying. */
function parseArgs(argv) {
  const options = { open: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--open') options.open = true;
    else if (arg.startsWith('--app=')) options.app = arg.slice('--app='.length);
    else if (arg === '--app') {
      if (argv[i + 1] === undefined || argv[i + 1].startsWith('--')) throw new Error(`--app needs the address of your calling page. ${USAGE}`);
      options.app = argv[++i];
    } else throw new Error(`unknown argument ${JSON.stringify(arg)}. ${USAGE}`);
  }
  return options;
}

async function main() {
  let running;
  try {
    running = await start(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(`\nCould not start the HubSpot simulator: ${error.message}\n`);
    process.exit(1);
  }
  const { hostUrl, appUrl, simulatorUrl, stop } = running;
  const vendor = new URL(simulatorUrl).searchParams.get('app');
  const sameOrigin = !!vendor && new URL(vendor).origin === new URL(hostUrl).origin;
  console.log(`
  HubSpot calling simulator is running.

  Open ${simulatorUrl} in your browser.

    HubSpot (host page)    ${hostUrl}
    Calling app (iframe)   ${vendor ?? appUrl}${vendor ? ' (your page)' : ''}
${
  vendor
    ? `
  If your page uses <hubspot-softphone>, give it allowed-origins="${new URL(hostUrl).origin}"
  while you test here. The demo softphone: ${hostUrl}
`
    : ''
}
  ${sameOrigin ? 'Your page is on the simulator’s own origin; in HubSpot it is on another.' : 'The two are different origins, as in HubSpot.'} Press Ctrl+C to stop.
`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return process.exit(1); // a second Ctrl+C does not wait
    stopping = true;
    console.log('\n  Stopping the simulator…');
    await stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function runDirectly() {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (runDirectly()) await main();
