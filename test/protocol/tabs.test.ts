/**
 * The tab infrastructure itself (scripts/tabs-plugin.mjs, ./tabs.ts): a second top-level tab's
 * iframe on the other origin shares BroadcastChannel and Web Locks with this page's iframe of
 * that origin, but not sessionStorage, as two HubSpot tabs embedding the softphone would.
 */
import { expect } from '@open-wc/testing';
import { OTHER_ORIGIN, closeAllTabs, listTabs, openTab, probeUrl, tabUrl, thisTab } from './tabs.js';

/** Unique names per test, so that nothing one test leaves can pass the next. */
let run = 0;
const unique = (what: string) => `${what}-${Date.now()}-${++run}`;

describe('extra tabs (tabs-plugin)', () => {
  let iframe: HTMLIFrameElement;
  const here = thisTab.frame(OTHER_ORIGIN);

  beforeEach(async () => {
    iframe = document.createElement('iframe');
    iframe.src = probeUrl();
    const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
    document.body.append(iframe);
    await loaded;
  });

  afterEach(async () => {
    await closeAllTabs();
    iframe.remove();
  });

  it('opens a tab that another tab can drive, and closes it', async () => {
    const tab = await openTab(tabUrl());
    expect(await listTabs()).to.deep.equal([{ id: tab.id, url: tab.url }]);
    expect(await tab.eval('location.href')).to.equal(tab.url);
    expect(await tab.frame(OTHER_ORIGIN).eval('location.origin')).to.equal(OTHER_ORIGIN);
    expect(await tab.call((a: number, b: number) => a + b, [2, 3])).to.equal(5);
    // This page's own iframe, reached the same way, is a different document.
    expect(await here.eval('typeof probe')).to.equal('object');
    expect(await here.eval('parent === top')).to.equal(true);
    await tab.close();
    expect(await listTabs()).to.deep.equal([]);
  });

  it('opens tabs in the background, and brings either tab to the front', async () => {
    const tab = await openTab(tabUrl());
    const visibility = (t: { eval: typeof tab.eval }) => t.eval<DocumentVisibilityState>('document.visibilityState');
    expect([document.visibilityState, await visibility(tab)]).to.deep.equal(['visible', 'hidden']);
    const changes: string[] = [];
    const record = () => changes.push(document.visibilityState);
    document.addEventListener('visibilitychange', record);
    // The pages hear of it a moment after the browser switched tabs.
    const settled = async (expected: string[], read: () => Promise<string[]>) => {
      for (let tries = 0; tries < 100 && JSON.stringify(await read()) !== JSON.stringify(expected); tries++) await new Promise((r) => setTimeout(r, 20));
      expect(await read()).to.deep.equal(expected);
    };
    try {
      await tab.bringToFront();
      await settled(['hidden', 'visible', 'hidden'], async () => [document.visibilityState, await visibility(tab), await here.eval<string>('document.visibilityState')]);
      await thisTab.bringToFront();
      await settled(['visible', 'hidden'], async () => [document.visibilityState, await visibility(tab)]);
      expect(changes).to.deep.equal(['hidden', 'visible']);
    } finally {
      document.removeEventListener('visibilitychange', record);
    }
  });

  it("delivers a BroadcastChannel message from the other tab's iframe to this tab's", async () => {
    const name = unique('channel');
    await here.eval(`probe.listen(${JSON.stringify(name)})`);
    const tab = await openTab(tabUrl());
    await tab.frame(OTHER_ORIGIN).call((n: string, data: unknown) => (window as any).probe.post(n, data), [name, { from: 'tab 2' }]);
    expect(await here.eval(`probe.messages(${JSON.stringify(name)})`)).to.deep.equal([{ from: 'tab 2' }]);
  });

  it("blocks on a Web Lock that the other tab's iframe holds until that tab closes", async () => {
    const name = JSON.stringify(unique('lock'));
    const tab = await openTab(tabUrl());
    expect(await tab.frame(OTHER_ORIGIN).eval(`probe.hold(${name})`)).to.equal(true);
    expect(await here.eval(`probe.tryLock(${name})`)).to.equal(false);
    expect(await here.eval(`probe.waitLock(${name}, 200)`)).to.equal(false);
    await tab.close();
    expect(await here.eval(`probe.waitLock(${name}, 3000)`)).to.equal(true);
  });

  it('releases the lock when the holding tab reloads; sessionStorage survives the reload', async () => {
    const name = JSON.stringify(unique('lock'));
    const tab = await openTab(tabUrl());
    const there = tab.frame(OTHER_ORIGIN);
    await there.eval(`(sessionStorage.setItem('tabs-test', 'kept'), probe.hold(${name}))`);
    expect(await here.eval(`probe.tryLock(${name})`)).to.equal(false);
    await tab.reload();
    expect(await here.eval(`probe.waitLock(${name}, 3000)`)).to.equal(true);
    expect(await there.eval(`sessionStorage.getItem('tabs-test')`)).to.equal('kept');
  });

  it('keeps sessionStorage per tab, while localStorage is shared', async () => {
    const key = JSON.stringify(unique('key'));
    const tab = await openTab(tabUrl());
    const there = tab.frame(OTHER_ORIGIN);
    await there.eval(`(sessionStorage.setItem(${key}, 'tab 2'), localStorage.setItem(${key}, 'tab 2'))`);
    expect(await there.eval(`sessionStorage.getItem(${key})`)).to.equal('tab 2');
    expect(await here.eval(`sessionStorage.getItem(${key})`)).to.equal(null);
    // The control: same storage partition, so the frames are truly comparable.
    expect(await here.eval(`localStorage.getItem(${key})`)).to.equal('tab 2');
    await here.eval(`localStorage.removeItem(${key})`);
  });
});
