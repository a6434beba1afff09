/**
 * Extra browser tabs for browser tests, as wtr server commands (see test/protocol/tabs.ts).
 *
 * A tab is a new top-level page in the test page's own browser context, so it shares the
 * cookie jar, storage partitions, BroadcastChannel and Web Locks with the test page (and its
 * iframes of the same origin and top-level site), yet has its own sessionStorage, as a tab
 * the user opened would.
 *
 * Works with chromeLauncher and puppeteerLauncher (Chromium over CDP, Firefox over WebDriver
 * BiDi): both are a ChromeLauncher whose getPage(sessionId) is the test page's puppeteer Page.
 *
 * Commands (payload -> result):
 *   open-tab       { url, background? = true, timeout? }  -> { id }
 *   close-tab      { id }                                  -> true
 *   reload-tab     { id, timeout? }                        -> true
 *   eval-in-tab    { id, expression, frame?, timeout? }    -> { value }   (value is JSON)
 *   front-tab      { id }                                  -> true
 *   list-tabs      {}                                      -> [{ id, url }]
 *   close-all-tabs {}                                      -> true
 * `id` 'self' (eval-in-tab, front-tab) means the test page. `frame` picks the first child frame
 * whose URL starts with it (an origin, say), waiting for it to appear. front-tab makes a page
 * the active, visible tab, as a user switching tabs does; closing tabs with close-tab or
 * close-all-tabs makes the test page front again. Timeouts are in ms (default 5000); keep them
 * under 20000, after which wtr's browser side stops waiting for any command.
 *
 * Tabs belong to the session that opened them and close when its test page navigates away
 * (wtr sends it to about:blank when the test file ends), when the session is no longer
 * active, or when the server stops, so nothing leaks into the next test file.
 */

const SESSION_PARAM = 'wtr-session-id';
const COMMANDS = new Set(['open-tab', 'close-tab', 'reload-tab', 'eval-in-tab', 'front-tab', 'list-tabs', 'close-all-tabs']);
const DEFAULT_TIMEOUT = 5000;

export function tabsPlugin() {
  /** @type {Map<string, { page: import('puppeteer-core').Page, sessionId: string, launcher: any }>} */
  const tabs = new Map();
  /** Test pages we already watch, so a reused page gets one listener per session. */
  const watched = new Map();
  /** Sessions whose test page a tab may have hidden (opened in front, or front-tab). */
  const displaced = new Set();
  /** Closes under way, so that no command runs while a previous session's tabs linger. */
  const closing = new Set();
  let nextId = 1;

  async function closeTab(id) {
    const tab = tabs.get(id);
    if (!tab) return;
    tabs.delete(id);
    // runBeforeUnload: false is the default; the page goes at once, releasing its locks.
    const closed = tab.page.close().catch(() => {});
    closing.add(closed);
    await closed;
    closing.delete(closed);
  }

  /** After its tabs close, the test page should be the visible one again. */
  async function restoreFront(session) {
    if (!displaced.delete(session.id)) return;
    await testPage(session).bringToFront();
  }

  const closeSessionTabs = (sessionId) =>
    Promise.all([...tabs].filter(([, tab]) => tab.sessionId === sessionId).map(([id]) => closeTab(id)));

  /** The session's test page has left its test: its tabs go, and nothing needs restoring. */
  function endSession(sessionId) {
    displaced.delete(sessionId);
    return closeSessionTabs(sessionId);
  }

  /** Ends sessions that finished without their page being seen to navigate, then waits for closes. */
  async function sweep() {
    const ended = new Set([...tabs.values()].filter((t) => !t.launcher.isActive(t.sessionId)).map((t) => t.sessionId));
    await Promise.all([...ended].map(endSession));
    await Promise.all([...closing]);
  }

  function testPage(session) {
    const launcher = session.browser;
    if (launcher?.type !== 'puppeteer' || typeof launcher.getPage !== 'function') {
      throw new Error(`Tabs need a puppeteer-based launcher (chromeLauncher or puppeteerLauncher), not ${launcher?.name ?? 'this one'}.`);
    }
    return launcher.getPage(session.id);
  }

  /** Closes the session's tabs once its test page leaves the test (about:blank, next session). */
  function watch(page, sessionId) {
    if (watched.get(page) === sessionId) return;
    const onNavigated = (frame) => {
      if (frame !== page.mainFrame()) return;
      if (new URL(frame.url(), 'about:blank').searchParams.get(SESSION_PARAM) === sessionId) return;
      stop();
      endSession(sessionId);
    };
    const onClose = () => {
      stop();
      endSession(sessionId);
    };
    const stop = () => {
      page.off('framenavigated', onNavigated);
      page.off('close', onClose);
      if (watched.get(page) === sessionId) watched.delete(page);
    };
    page.on('framenavigated', onNavigated);
    page.on('close', onClose);
    watched.set(page, sessionId);
  }

  function tabOf(session, id) {
    const tab = tabs.get(String(id));
    // A session may only drive its own tabs.
    if (!tab || tab.sessionId !== session.id) throw new Error(`No open tab ${id}.`);
    return tab;
  }

  async function targetFrame(page, frame, timeout) {
    if (!frame) return page;
    // A test's previous iframe may still be listed, detached, for a moment (Firefox over BiDi).
    const matches = (f) => f !== page.mainFrame() && !f.detached && f.url().startsWith(frame);
    return page.waitForFrame(matches, { timeout }).catch((error) => {
      throw new Error(`No frame at ${frame} in ${page.url()} within ${timeout} ms (${error.message}); frames: ${page.frames().map((f) => f.url()).join(', ')}`);
    });
  }

  /**
   * Runs `expression` (awaited) in the page or frame, returning it as JSON text so that both
   * protocols give the same answer (undefined -> null, Dates -> strings, and so on).
   */
  async function evaluate(target, expression, timeout) {
    const source = `(async () => { const value = await (${expression}\n); return JSON.stringify(value === undefined ? null : value); })()`;
    let timer;
    const expired = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`eval-in-tab took over ${timeout} ms: ${expression.slice(0, 120)}`)), timeout);
    });
    try {
      const json = await Promise.race([target.evaluate(source), expired]);
      return { value: JSON.parse(json) };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    name: 'tabs',

    async executeCommand({ command, payload = {}, session }) {
      if (!COMMANDS.has(command)) return undefined;
      const timeout = payload.timeout ?? DEFAULT_TIMEOUT;
      await sweep();

      switch (command) {
        case 'open-tab': {
          const page = testPage(session);
          if (typeof payload.url !== 'string') throw new Error('open-tab needs a url.');
          // Relative URLs resolve against the test page, as a link on it would.
          const url = new URL(payload.url, page.url()).href;
          watch(page, session.id);
          // Same context as the test page: not a new (incognito) one. In the background by
          // default: a hidden test page would have its timers throttled in Firefox.
          const background = payload.background ?? true;
          const tab = await page.browserContext().newPage({ background });
          if (!background) displaced.add(session.id);
          const id = String(nextId++);
          tabs.set(id, { page: tab, sessionId: session.id, launcher: session.browser });
          try {
            await tab.goto(url, { waitUntil: 'load', timeout });
          } catch (error) {
            await closeTab(id);
            throw new Error(`open-tab ${url}: ${error.message}`);
          }
          return { id };
        }
        case 'close-tab':
          tabOf(session, payload.id);
          await closeTab(String(payload.id));
          await restoreFront(session);
          return true;
        case 'reload-tab':
          await tabOf(session, payload.id).page.reload({ waitUntil: 'load', timeout });
          return true;
        case 'eval-in-tab': {
          if (typeof payload.expression !== 'string') throw new Error('eval-in-tab needs an expression.');
          const page = payload.id === 'self' ? testPage(session) : tabOf(session, payload.id).page;
          try {
            return await evaluate(await targetFrame(page, payload.frame, timeout), payload.expression, timeout);
          } catch (error) {
            // The frame went away between finding and asking it: ask the frame that is there now, once.
            if (!payload.frame || !/no such frame|detached/i.test(error.message)) throw error;
            return evaluate(await targetFrame(page, payload.frame, timeout), payload.expression, timeout);
          }
        }
        case 'front-tab':
          if (payload.id === 'self') {
            displaced.delete(session.id);
            await testPage(session).bringToFront();
          } else {
            await tabOf(session, payload.id).page.bringToFront();
            displaced.add(session.id);
          }
          return true;
        case 'list-tabs':
          return [...tabs].filter(([, t]) => t.sessionId === session.id).map(([id, t]) => ({ id, url: t.page.url() }));
        case 'close-all-tabs':
          await closeSessionTabs(session.id);
          await restoreFront(session);
          return true;
      }
    },

    async serverStop() {
      await Promise.all([...tabs.keys()].map(closeTab));
    },
  };
}
