import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { CHROMIUM_ARGS, findBrowser } from './scripts/browsers.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';

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
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({ launchOptions: { executablePath: findBrowser('chromium'), args: CHROMIUM_ARGS } }),
  ],
  // The SDK logs every message at debug level; Lit warns once that tests use its dev build.
  filterBrowserLogs: ({ type, args }) => type !== 'debug' && !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
