/**
 * Exactly once across reloads at every state: a calling window and a remote; the window (or
 * the remote, or the window twice in a row) reloads in each state; the call is then finished
 * from the remote. Every app -> HubSpot message of the window is counted: one of each, same
 * externalCallId and engagementId to the end.
 */
import { expect } from '@open-wc/testing';
import type { Softphone } from '../protocol/harness.js';
import { CALL, openWindowAndRemotes, pause, REMOTE, WINDOW } from './probe-harness.js';

type State = 'ringing' | 'dialing' | 'connected' | 'ended';
const ENGAGEMENT = 4242;

async function reach(win: Softphone, state: State) {
  const call = state === 'dialing' || state === 'connected' ? await win.call('outgoingCall', { toNumber: CALL.toNumber }) : await win.call('incomingCall', CALL);
  win.host.createEngagementSucceeded(ENGAGEMENT);
  await win.until((s) => s.call?.engagementId === ENGAGEMENT);
  if (state === 'connected' || state === 'ended') await win.call('answerCall');
  if (state === 'ended') {
    await win.call('endCall');
    await win.input('notes', 'before reload');
  }
  return call.externalCallId as string;
}

/** Finishes the call from the remote with clicks, from whatever state it is in. */
async function finish(remote: Softphone) {
  let s = await remote.inspect();
  if (s.call?.status === 'ringing') {
    await remote.click('answer-button');
    s = await remote.until((x) => x.call?.status === 'connected');
  }
  if (s.call?.status === 'dialing' || s.call?.status === 'connected') {
    await remote.click('hangup-button');
    s = await remote.until((x) => x.call?.status === 'ended');
  }
  await remote.click('done-button');
  await remote.until((x) => x.call === null);
}

function checkOnce(win: Softphone, id: string) {
  const calls = win.host.received().filter((m) => /CALL|INCOMING/.test(m.type));
  const counts: Record<string, number> = {};
  for (const m of calls) counts[m.type] = (counts[m.type] ?? 0) + 1;
  for (const [type, n] of Object.entries(counts)) expect(n, `${type} count (${JSON.stringify(counts)})`).to.equal(1);
  for (const m of calls) expect((m.data as any).externalCallId, m.type).to.equal(id);
  for (const m of calls.filter((m) => m.type === 'CALL_ENDED' || m.type === 'CALL_COMPLETED')) expect((m.data as any).engagementId, m.type).to.equal(ENGAGEMENT);
  expect(Object.keys(counts)).to.include('CALL_COMPLETED');
}

describe('probe: reload at every state, exactly once', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  async function open() {
    frames = await openWindowAndRemotes(1);
    const [win, remote] = frames as [Softphone, Softphone];
    return [win, remote] as const;
  }

  for (const state of ['ringing', 'dialing', 'connected', 'ended'] as State[]) {
    it(`window reloads in ${state}`, async () => {
      const [win, remote] = await open();
      const id = await reach(win, state);
      await remote.until((s) => s.call?.status === state);
      win.host.reload({ ...WINDOW, engagementId: ENGAGEMENT });
      await win.host.waitFor('INITIALIZED', { index: 1 });
      await remote.until((s) => s.call?.status === state && s.call.engagementId === ENGAGEMENT, { what: `${state} again in the remote` });
      if (state === 'ended') expect(await remote.value('notes')).to.equal('before reload');
      await finish(remote);
      await pause(200);
      checkOnce(win, id);
    });

    it(`window reloads twice fast in ${state}`, async () => {
      const [win, remote] = await open();
      const id = await reach(win, state);
      await remote.until((s) => s.call?.status === state);
      win.host.reload({ ...WINDOW, engagementId: ENGAGEMENT });
      await pause(30);
      win.host.reload({ ...WINDOW, engagementId: ENGAGEMENT });
      await win.host.waitFor('INITIALIZED', { index: 1 });
      await pause(500);
      await remote.until((s) => s.call?.status === state, { what: `${state} again in the remote` });
      await finish(remote);
      await pause(200);
      checkOnce(win, id);
    });

    it(`remote reloads in ${state}`, async () => {
      const [win, remote] = await open();
      const id = await reach(win, state);
      await remote.until((s) => s.call?.status === state);
      remote.host.reload(REMOTE);
      await remote.host.waitFor('INITIALIZED', { index: 1 });
      await remote.until((s) => s.call?.status === state && s.call.engagementId === ENGAGEMENT, { what: `${state} in the reloaded remote` });
      if (state === 'ended') expect(await remote.value('notes')).to.equal('before reload');
      await finish(remote);
      await pause(200);
      checkOnce(win, id);
      expect(remote.host.received().map((m) => m.type).filter((t) => t !== 'READY')).to.deep.equal(['INITIALIZED', 'INITIALIZED']);
    });
  }

  it('window reloads right after Done: nothing comes back, nothing is re-sent', async () => {
    const [win, remote] = await open();
    const id = await reach(win, 'ended');
    await remote.until((s) => s.call?.status === 'ended');
    await remote.click('done-button');
    await win.host.waitFor('CALL_COMPLETED');
    win.host.reload(WINDOW);
    await win.host.waitFor('INITIALIZED', { index: 1 });
    await pause(300);
    expect((await win.inspect()).call).to.equal(null);
    expect((await remote.inspect()).call).to.equal(null);
    checkOnce(win, id);
  });

  it('window reloads right after endCall (same task): wrap-up comes back', async () => {
    const [win, remote] = await open();
    const id = await reach(win, 'connected');
    await win.call('endCall');
    win.host.reload({ ...WINDOW, engagementId: ENGAGEMENT });
    await win.host.waitFor('INITIALIZED', { index: 1 });
    await remote.until((s) => s.call?.status === 'ended');
    await finish(remote);
    await pause(200);
    checkOnce(win, id);
  });

  it('Hang up in the remote while the window reloads, the window re-SYNCs with another engagement: the remote drops the call', async () => {
    const [win, remote] = await open();
    await reach(win, 'connected');
    await remote.until((s) => s.call?.status === 'connected');
    win.host.reload({ ...WINDOW, engagementId: 999 }, { holdSync: true });
    await win.until((s) => !s.ready);
    await remote.click('hangup-button');
    win.host.sync();
    await win.host.waitFor('INITIALIZED', { index: 1 });
    await remote.until((s) => s.call === null, { what: 'the discarded call gone from the remote' });
    await pause(300);
    expect(win.host.received('CALL_ENDED')).to.have.length(0);
  });
});
