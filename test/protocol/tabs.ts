/**
 * Extra top-level tabs for browser tests, over the server commands of scripts/tabs-plugin.mjs.
 *
 * A tab opened here is a new page in the test page's browser context: its frames share
 * BroadcastChannel, Web Locks and localStorage with the test page's frames of the same origin
 * (and same top-level site, under storage partitioning), but not sessionStorage.
 *
 *   const tab = await openTab(tabUrl());                 // tab.html, embedding probe.html
 *   await tab.frame(OTHER_ORIGIN).eval('probe.hold("owner")');
 *   await tab.close();
 *
 * Tabs close by themselves when the test file ends; call closeAllTabs() in afterEach to keep
 * the tests of one file apart.
 */
import { executeServerCommand } from '@web/test-runner-commands';

/** The test pages' origin's twin on the same server (localhost <-> 127.0.0.1), as in harness.ts. */
export const OTHER_ORIGIN = location.origin.includes('localhost')
  ? location.origin.replace('localhost', '127.0.0.1')
  : location.origin.replace('127.0.0.1', 'localhost');

const FIXTURES = '/test/protocol/fixtures';

/** tab.html on this origin, embedding `frame` (default: probe.html on OTHER_ORIGIN). */
export function tabUrl(frame = probeUrl()): string {
  return `${location.origin}${FIXTURES}/tab.html?${new URLSearchParams({ frame })}`;
}

/** probe.html on `origin`; `name` only tells frames apart by URL. */
export function probeUrl(origin = OTHER_ORIGIN, name = ''): string {
  return `${origin}${FIXTURES}/probe.html${name ? `?${new URLSearchParams({ name })}` : ''}`;
}

export interface EvalOptions {
  /**
   * Milliseconds the expression may take (default 5000, the plugin's). Keep it under 20000:
   * wtr gives up on any server command's answer after 20 s.
   */
  timeout?: number;
}

export interface Evaluator {
  /** Awaits `expression` there and returns it through JSON (undefined becomes null). */
  eval<T = unknown>(expression: string, options?: EvalOptions): Promise<T>;
  /**
   * Runs `fn(...args)` there. `fn` travels as source text: it must not close over anything
   * but its arguments, which travel as JSON.
   */
  call<A extends unknown[], R>(fn: (...args: A) => R, args?: A, options?: EvalOptions): Promise<Awaited<R>>;
}

export interface TabHandle extends Evaluator {
  readonly id: string;
  /** The first child frame whose URL starts with `urlPrefix` (an origin, say); waits for it. */
  frame(urlPrefix: string): Evaluator;
  /** Makes this the active, visible tab (visibilitychange fires in both pages). */
  bringToFront(): Promise<void>;
}

export interface Tab extends TabHandle {
  readonly url: string;
  /** Reloads the page and waits for its load event (its frames' included). */
  reload(options?: EvalOptions): Promise<void>;
  /** Closes the page at once (no beforeunload prompt); the test page comes to the front. */
  close(): Promise<void>;
}

// Throws "Unknown command" if tabsPlugin() is missing from web-test-runner.config.mjs.
const command = <T>(name: string, payload: Record<string, unknown>) => executeServerCommand<T, Record<string, unknown>>(name, payload);

function evaluator(id: string, frame?: string): Evaluator {
  const run = async <T>(expression: string, options: EvalOptions = {}) =>
    (await command<{ value: T }>('eval-in-tab', { id, expression, frame, ...options })).value;
  return {
    eval: run,
    call: (fn, args = [] as never, options) => run(`(${fn.toString()})(...${JSON.stringify(args)})`, options),
  };
}

function handle(id: string): TabHandle {
  return {
    id,
    ...evaluator(id),
    frame: (urlPrefix) => evaluator(id, urlPrefix),
    bringToFront: async () => void (await command('front-tab', { id })),
  };
}

/**
 * Opens `url` (relative to the test page) in a new tab and waits for its load event.
 * `background` (default true) leaves the test page the front tab; false brings the new one
 * to the front, hiding the test page (whose timers Firefox then throttles to 1 Hz) until the
 * tab closes or thisTab.bringToFront().
 */
export async function openTab(url: string, options: { background?: boolean; timeout?: number } = {}): Promise<Tab> {
  const { id } = await command<{ id: string }>('open-tab', { url, ...options });
  return {
    ...handle(id),
    url: new URL(url, location.href).href,
    reload: async (opts = {}) => void (await command('reload-tab', { id, ...opts })),
    close: async () => void (await command('close-tab', { id })),
  };
}

/** The test page itself, to reach into its cross-origin iframes the way tabs are reached. */
export const thisTab: TabHandle = handle('self');

/** Closes this test's tabs and brings the test page back to the front. */
export function closeAllTabs(): Promise<void> {
  return command('close-all-tabs', {}).then(() => undefined);
}

export function listTabs(): Promise<{ id: string; url: string }[]> {
  return command('list-tabs', {});
}
