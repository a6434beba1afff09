/**
 * Mounts <hubspot-softphone> in a same-origin iframe hosted by the SDK's IFrameManager, so
 * the handshake is real and the test can still reach the element directly.
 */
import { expect } from '@open-wc/testing';
import type { HubSpotHost, SyncContext } from '../../src/host/hubspot-host.js';
import { hostFrame, removeHostFrame } from '../protocol/harness.js';
import type { HubSpotSoftphone } from '../../src/index.js';

export interface Mounted {
  el: HubSpotSoftphone;
  host: HubSpotHost;
  win: Window & typeof globalThis;
  part: (name: string, index?: number) => HTMLElement;
  parts: (name: string) => HTMLElement[];
  text: () => string;
  dispose: () => void;
}

let mounted: Mounted | null = null;

/** Mounts with these attributes (a null value leaves a default one out). */
export async function mount(attrs: Record<string, string | null> = {}, sync: SyncContext = { portalId: 123, iframeLocation: 'widget' }): Promise<Mounted> {
  mounted?.dispose();
  const host = hostFrame({ origin: location.origin, attrs, sync });
  await host.waitFor('INITIALIZED');
  const win = host.iframe.contentWindow as Window & typeof globalThis;
  const el = win.document.querySelector('hubspot-softphone')!;
  // The election takes a task or two after the handshake; a remote never owns.
  const mirror = sync.usesCallingWindow && sync.iframeLocation === 'remote';
  for (let tries = 0; !mirror && !el.isOwner && tries < 200; tries++) await new Promise((r) => setTimeout(r, 5));
  await el.updateComplete;
  const parts = (name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
  mounted = {
    el,
    host,
    win,
    parts,
    part: (name, index = 0) => {
      const found = parts(name)[index];
      if (!found) throw new Error(`No [part=${name}] in: ${el.shadowRoot!.textContent!.replace(/\s+/g, ' ')}`);
      return found;
    },
    text: () => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim(),
    dispose: () => {
      removeHostFrame(host);
      mounted = null;
    },
  };
  return mounted;
}

export function unmount(): void {
  mounted?.dispose();
}

/** Runs axe-core inside the element's own document and fails on any violation. */
export async function expectAccessible(el: HTMLElement): Promise<void> {
  const win = el.ownerDocument.defaultView as Window & { axe?: { run: Function } };
  if (!win.axe) {
    await new Promise((resolve, reject) => {
      const script = Object.assign(el.ownerDocument.createElement('script'), { src: '/node_modules/axe-core/axe.min.js', onload: resolve, onerror: reject });
      el.ownerDocument.head.append(script);
    });
  }
  const results = await win.axe!.run(el);
  const problems = results.violations.map((v: { id: string; nodes: { target: unknown; failureSummary: string }[] }) =>
    `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`).join('; ')}`);
  expect(problems).to.deep.equal([]);
}

export const settle = (el: HubSpotSoftphone) => el.updateComplete;
