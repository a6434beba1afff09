/**
 * A browser without Web Locks (Safari before 15.4, some embedded webviews) or without
 * BroadcastChannel, with HubSpot's calling window. The window owns the call by definition
 * (no election needed), so without Web Locks it can still mirror to its remotes over
 * BroadcastChannel; the remotes only lose lock liveness (the warning they give says exactly that).
 */
import { expect } from '@open-wc/testing';
import type { Softphone } from '../protocol/harness.js';
import { CALL, REMOTE, WINDOW, newChannel, openProbe, pause, types } from './probe-harness.js';

describe('probe: calling window in a browser missing an API', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  it('without Web Locks: the window’s call still rings in its remote', async () => {
    const channel = newChannel();
    const query = { disable: 'locks' };
    const win = await openProbe({ sync: WINDOW, channel, query, id: 'probe-host-0' });
    const remote = await openProbe({ sync: REMOTE, channel, query, id: 'probe-host-1' });
    frames = [win, remote];
    await win.until((s) => s.isOwner);
    await win.call('incomingCall', CALL);
    const shown = await remote.until((s) => s.call?.status === 'ringing', { timeout: 3000, what: 'the ringing card in the remote' }).then(() => 'ringing', (e) => e.message);
    expect(shown).to.equal('ringing');
  });

  it('without BroadcastChannel: a remote answers HubSpot’s handshake', async () => {
    const channel = newChannel();
    const query = { disable: 'channel' };
    const remote = await openProbe({ sync: REMOTE, channel, query, id: 'probe-host-1', waitReady: false });
    frames = [remote];
    const initialized = await remote.host.waitFor('INITIALIZED', { timeout: 4000 }).then(() => 'INITIALIZED', () => `nothing; HubSpot got ${types(remote).join(', ')}`);
    expect(initialized, `remote (the frame shows "${(await remote.inspect()).text}")`).to.equal('INITIALIZED');
  });

});
