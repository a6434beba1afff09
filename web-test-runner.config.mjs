import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { CHROMIUM_ARGS, findBrowser } from './scripts/browsers.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { tabsPlugin } from './scripts/tabs-plugin.mjs';

/** Chromium and Firefox; `BROWSERS=chromium` (or `firefox`) runs one. */
function browsers() {
  const wanted = (process.env.BROWSERS ?? 'chromium firefox').split(/[\s,]+/);
  const launchers = {
    chromium: () => chromeLauncher({ launchOptions: { executablePath: findBrowser('chromium'), args: CHROMIUM_ARGS } }),
    firefox: () =>
      puppeteerLauncher({ launchOptions: { browser: 'firefox', executablePath: findBrowser('firefox'), headless: true } }),
  };
  return wanted.map((name) => launchers[name]());
}

/** CDNs (jsDelivr, unpkg) serve with CORS, so the CDN script's extras load cross-origin as ES modules: /dist/ here too. */
async function cdnCors(context, next) {
  await next();
  if (context.path.startsWith('/dist/')) context.set('Access-Control-Allow-Origin', '*');
}

/** /stalled/dist/…: the same files, except that extras/sync.js never arrives (a stalled CDN). */
async function stalledCdn(context, next) {
  if (!context.path.startsWith('/stalled/')) return next();
  if (context.path.endsWith('/extras/sync.js')) return new Promise(() => {});
  context.path = context.path.slice('/stalled'.length);
  return next();
}

/**
 * Browser tests. The test pages are served on http://localhost:PORT; protocol tests put the
 * softphone in an iframe on http://127.0.0.1:PORT, a second origin on the same server.
 */
export default {
  files: ['test/**/*.test.ts', '!test/server/**'],
  nodeResolve: { exportConditions: ['development'] },
  hostname: 'localhost',
  port: Number(process.env.WTR_PORT ?? 8765),
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  // tabsPlugin: open-tab & co. for tests that need several tabs (test/protocol/tabs.ts).
  middleware: [cdnCors, stalledCdn],
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }), tabsPlugin()],
  browsers: browsers(),
  // The ringtone's real autoplay refusal: a Chromium that wants a user gesture first (skipped in a Firefox-only run).
  groups: (process.env.BROWSERS ?? 'chromium').includes('chromium')
    ? [
        {
          name: 'autoplay-blocked',
          files: 'test/element/*.blocked.ts',
          browsers: [chromeLauncher({ launchOptions: { executablePath: findBrowser('chromium'), args: [...CHROMIUM_ARGS, '--autoplay-policy=user-gesture-required'] } })],
        },
      ]
    : [],
  // The SDK logs every message at debug level; Lit warns once that tests use its dev build.
  filterBrowserLogs: ({ type, args }) => type !== 'debug' && !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
