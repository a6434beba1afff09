/**
 * Issue 10's structural change: every frame loads extras/sync.js after the handshake (no more
 * TabSync for a lone tab). Reloads at every call state, for a lone tab and for two and three
 * tabs of one user: the call comes back, one owner at a time, every call message to HubSpot
 * exactly once across all tabs; and setWidgetUrl() racing the handshake of a restore.
 */
import { expect } from '@open-wc/testing';
import { SYNC, type Softphone } from '../protocol/harness.js';
import { CALL, newChannel, openProbe, pause } from './probe-harness.js';

type State = 'ringing' | 'dialing' | 'connected' | 'ended';
const ENGAGEMENT = 5151;
const STATES: State[] = ['ringing', 'dialing', 'connected', 'ended'];

async function reach(owner: Softphone, state: State): Promise<string> {
  const call = state === 'ringing' || state === 'ended' ? await owner.call('incomingCall', CALL) : await owner.call('outgoingCall', { toNumber: CALL.toNumber });
  owner.host.createEngagementSucceeded(ENGAGEMENT);
  await owner.until((s) => s.call?.engagementId === ENGAGEMENT);
  if (state === 'connected' || state === 'ended') await owner.call('answerCall');
  if (state === 'ended') {
    await owner.call('endCall');
    await owner.input('notes', 'kept');
  }
  return call.externalCallId;
}

async function finish(phone: Softphone) {
  let s = await phone.inspect();
  if (s.call?.status === 'ringing') {
    await phone.click('answer-button');
    s = await phone.until((x) => x.call?.status === 'connected');
  }
  if (s.call?.status === 'dialing' || s.call?.status === 'connected') {
    await phone.click('hangup-button');
    s = await phone.until((x) => x.call?.status === 'ended');
  }
  await phone.click('done-button');
  await phone.until((x) => x.call === null);
}

/** Every call message any tab's HubSpot heard: one of each, about the one call. */
function checkOnce(phones: Softphone[], id: string) {
  const calls = phones.flatMap((p) => p.host.received().filter((m) => /CALL|INCOMING/.test(m.type)));
  const counts: Record<string, number> = {};
  for (const m of calls) counts[m.type] = (counts[m.type] ?? 0) + 1;
  for (const [type, n] of Object.entries(counts)) expect(n, `${type} (${JSON.stringify(counts)})`).to.equal(1);
  for (const m of calls) expect((m.data as any).externalCallId, m.type).to.equal(id);
  expect(Object.keys(counts)).to.include('CALL_COMPLETED');
  const completed = calls.find((m) => m.type === 'CALL_COMPLETED')!.data as any;
  expect(completed.engagementId).to.equal(ENGAGEMENT);
}

/** How many of `phones` say they own the call (a frame that does not answer in time, reloading, counts as not). */
async function owners(phones: Softphone[]): Promise<number> {
  const states = await Promise.all(phones.map((p) => p.command({ op: 'inspect' }, { timeout: 500 }).catch(() => null)));
  return states.filter((s) => s?.isOwner).length;
}

describe('probe issue 10: reloads with sync.js loaded in every frame', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  for (const state of STATES) {
    it(`a lone tab reloads in ${state}: the call comes back, HubSpot hears each message once`, async () => {
      const phone = await openProbe({ channel: newChannel() });
      frames = [phone];
      await phone.until((s) => s.isOwner);
      const id = await reach(phone, state);
      phone.host.reload({ ...SYNC, engagementId: ENGAGEMENT });
      await phone.host.waitFor('INITIALIZED', { index: 1 });
      const back = await phone.until((s) => s.isOwner && s.call?.status === state, { what: `${state} after the reload` });
      expect(back.call.engagementId).to.equal(ENGAGEMENT);
      if (state === 'ended') expect(await phone.value('notes')).to.equal('kept');
      expect((phone.host.received('INITIALIZED')[1]!.data as any).engagementId).to.equal(ENGAGEMENT);
      await finish(phone);
      await pause(200);
      checkOnce([phone], id);
    });

    for (const [tabs, reloading] of [[2, 0], [2, 1], [3, 0]] as const) {
      it(`${tabs} tabs, tab ${reloading} (${reloading ? 'a mirror' : 'the owner'}) reloads in ${state}: one owner, each message once`, async () => {
        const channel = newChannel();
        const phones: Softphone[] = [];
        for (let i = 0; i < tabs; i++) phones.push(await openProbe({ channel, id: `probe-host-${i}` }));
        frames = phones;
        await phones[0]!.until((s) => s.isOwner);
        const id = await reach(phones[0]!, state);
        for (const p of phones) await p.until((s) => s.call?.status === state && s.call.engagementId === ENGAGEMENT);
        const tab = phones[reloading]!;
        tab.host.reload({ ...SYNC, engagementId: ENGAGEMENT });
        const seen: number[] = [];
        // The reloading tab's leaving page may still answer for a moment (its lock already let go): the others are sampled.
        for (let i = 0; i < 10; i++) {
          seen.push(await owners(phones.filter((p) => p !== tab)));
          await pause(40);
        }
        await tab.host.waitFor('INITIALIZED', { index: 1 });
        await tab.until((s) => s.call?.status === state, { what: `${state} in the reloaded tab` });
        await pause(300);
        seen.push(await owners(phones));
        expect(Math.max(...seen), `owners over time: ${seen}`).to.be.at.most(1);
        expect(seen.at(-1), 'one owner at the end').to.equal(1);
        for (const p of phones) expect((await p.inspect()).call?.status, 'every tab shows the call').to.equal(state);
        if (state === 'ended') expect(await tab.value('notes')).to.equal('kept');
        await finish(tab);
        await pause(300);
        checkOnce(phones, id);
        for (const p of phones) expect((await p.inspect()).call).to.equal(null);
      });
    }
  }

  it('setWidgetUrl() called while a reloaded tab with a stored call waits for HubSpot’s SYNC: sent once, after INITIALIZED; the call comes back', async () => {
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    const id = await reach(phone, 'connected');
    phone.host.reload({ ...SYNC, engagementId: ENGAGEMENT }, { holdSync: true });
    await phone.until((s) => !s.ready, { what: 'the reloaded frame' });
    const url = `${location.origin.replace('localhost', '127.0.0.1')}/next`;
    await Promise.all([phone.command({ op: 'callAsync', method: 'setWidgetUrl', args: [url] }), phone.command({ op: 'callAsync', method: 'setWidgetUrl', args: [url] })]);
    await pause(100);
    phone.host.sync();
    await phone.host.waitFor('SET_WIDGET_URL');
    await phone.until((s) => s.isOwner && s.call?.status === 'connected');
    await pause(200);
    const sent = phone.host.received().map((m) => m.type);
    const after = sent.slice(sent.indexOf('INITIALIZED', sent.indexOf('INITIALIZED') + 1));
    expect(after, 'what the reloaded frame sent').to.deep.equal(['INITIALIZED', 'SET_WIDGET_URL', 'SET_WIDGET_URL']);
    await finish(phone);
    await pause(200);
    checkOnce([phone], id);
  });

  it('setWidgetUrl() with hostile values rejects INVALID_ARGUMENT and sends nothing, before and after the handshake', async () => {
    const phone = await openProbe({ channel: newChannel(), holdSync: true, waitReady: false });
    frames = [phone];
    const bad = [null, 42, {}, ['https://x.test'], '', 'javascript:alert(1)', 'data:text/html,x', 'http://example.com/', 'https://u:p@example.com/', `https://example.com/${'a'.repeat(3000)}`, '//example.com', '/relative'];
    const tryAll = async () => {
      const results: string[] = [];
      for (const url of bad) results.push(await phone.command({ op: 'callAsync', method: 'setWidgetUrl', args: [url] }).then(() => 'resolved', (e) => e.code));
      return results;
    };
    expect(await tryAll()).to.deep.equal(bad.map(() => 'INVALID_ARGUMENT'));
    phone.host.sync();
    await phone.host.waitFor('INITIALIZED');
    expect(await tryAll()).to.deep.equal(bad.map(() => 'INVALID_ARGUMENT'));
    await pause(100);
    expect(phone.host.received('SET_WIDGET_URL')).to.have.length(0);
  });
});
