/**
 * Probes reuse the protocol harness; this adds frames loaded from test/probe/fixtures/frame.html
 * (the same frame driver plus an eval hook) and a few helpers.
 */
import type { SyncContext } from '../../src/host/hubspot-host.js';
import { APP_ORIGIN, HOST_ORIGIN, SYNC, openSoftphone, type Softphone } from '../protocol/harness.js';

export const WINDOW: SyncContext = { ...SYNC, iframeLocation: 'window', usesCallingWindow: true };
export const REMOTE: SyncContext = { ...SYNC, iframeLocation: 'remote', usesCallingWindow: true };
export const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002' };
export const SCOPE = `${SYNC.portalId}:${SYNC.userId}`;
export { pause } from '../protocol/harness.js';
export const newChannel = () => `probe-${Math.random().toString(36).slice(2)}`;

export interface ProbeOptions {
  sync?: SyncContext;
  id?: string;
  channel: string;
  attrs?: Record<string, string | null>;
  query?: Record<string, string>;
  holdSync?: boolean;
  waitReady?: boolean;
}

let nextEval = 1;

/** A softphone frame (driver + eval hook) on the app origin, under its own HubSpotHost. */
export async function openProbe(options: ProbeOptions): Promise<Softphone> {
  const { sync = SYNC, id = 'probe-host', channel, attrs = {}, query = {}, holdSync = false } = options;
  const params = new URLSearchParams({ attrs: JSON.stringify({ 'allowed-origins': HOST_ORIGIN, 'logged-in': '', channel, ...attrs }), ...query });
  const src = `${APP_ORIGIN}/test/probe/fixtures/frame.html?${params}`;
  return openSoftphone({ sync, holdSync, src, id, waitReady: options.waitReady });
}

/** Runs `code` (an async function body; `el` is the element) inside the frame; resolves with its JSON result. */
export function evalIn(phone: Softphone, code: string, timeout = 5000): Promise<any> {
  const id = nextEval++;
  const frame = phone.host.iframe.contentWindow!;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (removeEventListener('message', listen), reject(new Error(`eval #${id} got no answer`))), timeout);
    function listen({ data, source }: MessageEvent) {
      if (source !== frame || !data?.__probeReply || data.id !== id) return;
      clearTimeout(timer);
      removeEventListener('message', listen);
      if (data.error) reject(Object.assign(new Error(data.error.message), data.error));
      else resolve(data.value);
    }
    addEventListener('message', listen);
    frame.postMessage({ __probe: true, id, code }, APP_ORIGIN);
  });
}

/** The app's messages to HubSpot, by type. */
export const types = (phone: Softphone) => phone.host.received().map((m) => m.type);
export const callTypes = (phone: Softphone) => types(phone).filter((t) => /CALL|INCOMING/.test(t));

/** A calling window and `remotes` remote frames on a fresh channel, once the window owns the call. */
export async function openWindowAndRemotes(remotes = 1, options: Omit<ProbeOptions, 'channel' | 'sync' | 'id'> = {}): Promise<Softphone[]> {
  const channel = newChannel();
  const frames: Softphone[] = [];
  for (const [i, sync] of [WINDOW, ...Array<SyncContext>(remotes).fill(REMOTE)].entries()) frames.push(await openProbe({ ...options, sync, channel, id: `probe-host-${i}` }));
  await frames[0]!.until((s) => s.isOwner);
  return frames;
}
