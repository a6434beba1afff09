/**
 * Issue 10's ringtone against re-renders, reloads and ownership moves: at most one frame of a
 * user ever plays, and nothing plays once the call stops ringing. Each frame's media elements
 * are spied from the moment it says softphone-ready (`?onReady=`), so a reload is spied too.
 */
import { expect } from '@open-wc/testing';
import { SYNC, type Softphone } from '../protocol/harness.js';
import { CALL, evalIn, newChannel, openProbe, pause, REMOTE, WINDOW } from './probe-harness.js';

const RINGTONE = 'data:audio/wav;base64,UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=';

/** Media spy: `__live` holds the elements playing; `__block` makes play() refuse as blocked autoplay does. */
const SPY = `
  if (window.__live) return;
  const live = (window.__live = new Set());
  window.__log = [];
  const proto = HTMLMediaElement.prototype;
  proto.play = function () {
    window.__log.push('play');
    if (window.__block) return Promise.reject(new DOMException('blocked', 'NotAllowedError'));
    live.add(this);
    return Promise.resolve();
  };
  proto.pause = function () {
    window.__log.push('pause');
    live.delete(this);
  };`;

const query = { onReady: SPY };
const playing = (phone: Softphone): Promise<number> => evalIn(phone, 'return window.__live ? window.__live.size : -1').catch(() => -1);
const total = async (phones: Softphone[]) => (await Promise.all(phones.map(playing))).reduce((a, b) => a + Math.max(b, 0), 0);

describe('probe issue 10: ringtone', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  it('an element removed and replaced in the same task as the ring starts: one ring, and silence once the call ends', async () => {
    const phone = await openProbe({ channel: newChannel(), attrs: { ringtone: RINGTONE }, query });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    // A framework that re-renders in the task that offered the call.
    await phone.batch({ op: 'call', method: 'incomingCall', args: [CALL] }, { op: 'detach' }, { op: 'attach' });
    await pause(300);
    expect(await playing(phone), 'playing while ringing').to.equal(1);
    await phone.call('endCall', 'MISSED');
    await pause(200);
    expect(await playing(phone), 'playing after the call ended').to.equal(0);
  });

  it('an element removed while ringing stops; its replacement rings; unset and set mid-ring follow', async () => {
    const phone = await openProbe({ channel: newChannel(), attrs: { ringtone: RINGTONE }, query });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    await phone.call('incomingCall', CALL);
    await pause(200);
    expect(await playing(phone)).to.equal(1);
    await phone.command({ op: 'detach' });
    await pause(100);
    expect(await playing(phone), 'detached').to.equal(0);
    await phone.command({ op: 'attach' });
    await pause(200);
    expect(await playing(phone), 'replacement').to.equal(1);
    await phone.set('ringtone', undefined);
    await pause(100);
    expect(await playing(phone), 'unset').to.equal(0);
    await phone.set('ringtone', RINGTONE);
    await pause(200);
    expect(await playing(phone), 'set again').to.equal(1);
    await phone.click('answer-button');
    await pause(200);
    expect(await playing(phone), 'answered').to.equal(0);
  });

  it('three tabs: only the owner plays; the owner closes mid-ring and exactly one other tab takes the ring', async () => {
    const channel = newChannel();
    const tabs: Softphone[] = [];
    for (let i = 0; i < 3; i++) tabs.push(await openProbe({ channel, id: `probe-host-${i}`, attrs: { ringtone: RINGTONE }, query }));
    frames = tabs;
    await tabs[0]!.until((s) => s.isOwner);
    await tabs[1]!.call('incomingCall', CALL);
    await tabs[0]!.until((s) => s.call?.status === 'ringing');
    await pause(200);
    expect(await Promise.all(tabs.map(playing)), 'the owner alone plays').to.deep.equal([1, 0, 0]);
    tabs[0]!.dispose();
    const rest = tabs.slice(1);
    let owners: boolean[] = [];
    for (let i = 0; i < 100; i++) {
      owners = await Promise.all(rest.map(async (t) => (await t.inspect()).isOwner));
      if (owners.includes(true)) break;
      await pause(30);
    }
    await pause(300);
    expect(await Promise.all(rest.map(playing)), 'the next owner alone plays').to.deep.equal(owners.map((o) => (o ? 1 : 0)));
    await rest[owners.indexOf(false)]!.click('decline-button');
    await pause(300);
    expect(await total(rest), 'after Decline in a mirror').to.equal(0);
  });

  for (const who of ['owner tab', 'mirror tab'] as const) {
    it(`two tabs, the ${who} reloads mid-ring: one ring all along, silence after Answer`, async () => {
      const channel = newChannel();
      const a = await openProbe({ channel, id: 'probe-host-0', attrs: { ringtone: RINGTONE }, query });
      const b = await openProbe({ channel, id: 'probe-host-1', attrs: { ringtone: RINGTONE }, query });
      frames = [a, b];
      await a.until((s) => s.isOwner);
      await a.call('incomingCall', CALL);
      await b.until((s) => s.call?.status === 'ringing');
      const reloading = who === 'owner tab' ? a : b;
      reloading.host.reload(SYNC);
      const counts: number[] = [];
      for (let i = 0; i < 20; i++) {
        counts.push(await total([a, b]));
        await pause(50);
      }
      await reloading.host.waitFor('INITIALIZED', { index: 1 });
      await reloading.until((s) => s.call?.status === 'ringing', { what: 'the ringing call after the reload' });
      await pause(300);
      counts.push(await total([a, b]));
      expect(Math.max(...counts), `rings over time ${counts}`).to.be.at.most(1);
      expect(counts.at(-1), 'one ring at the end').to.equal(1);
      await b.click('answer-button');
      await pause(300);
      expect(await total([a, b])).to.equal(0);
    });
  }

  it('calling window and two remotes: only the window plays, also after it reloads mid-ring', async () => {
    const channel = newChannel();
    const win = await openProbe({ channel, sync: WINDOW, id: 'probe-host-0', attrs: { ringtone: RINGTONE }, query });
    const r1 = await openProbe({ channel, sync: REMOTE, id: 'probe-host-1', attrs: { ringtone: RINGTONE }, query });
    const r2 = await openProbe({ channel, sync: REMOTE, id: 'probe-host-2', attrs: { ringtone: RINGTONE }, query });
    frames = [win, r1, r2];
    await win.until((s) => s.isOwner);
    await r1.call('incomingCall', CALL);
    await r2.until((s) => s.call?.status === 'ringing');
    await pause(200);
    expect(await Promise.all(frames.map(playing))).to.deep.equal([1, 0, 0]);
    win.host.reload(WINDOW);
    await win.host.waitFor('INITIALIZED', { index: 1 });
    await win.until((s) => s.isOwner && s.call?.status === 'ringing');
    await pause(300);
    expect(await Promise.all(frames.map(playing)), 'after the reload').to.deep.equal([1, 0, 0]);
    await r2.click('decline-button');
    await pause(300);
    expect(await total(frames)).to.equal(0);
  });

  it('blocked autoplay: RINGTONE_BLOCKED once; once allowed, the next call rings', async () => {
    const phone = await openProbe({ channel: newChannel(), attrs: { ringtone: RINGTONE }, query });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    await evalIn(phone, 'window.__block = true');
    await phone.call('incomingCall', CALL);
    await phone.waitForEvent('softphone-error', { where: (d) => d.code === 'RINGTONE_BLOCKED' });
    expect((await phone.inspect()).text).to.contain('Answer');
    await phone.call('endCall', 'MISSED');
    await phone.call('completeCall');
    await evalIn(phone, 'window.__block = false');
    await phone.call('incomingCall', CALL);
    await pause(200);
    expect(await playing(phone)).to.equal(1);
    expect(phone.eventsOf('softphone-error').filter((e) => e.detail.code === 'RINGTONE_BLOCKED')).to.have.length(1);
  });
});

describe('probe issue 10: ringtone with two elements on one page', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  it('a second element (a page mistake, warned about) does not make the page ring twice', async () => {
    const phone = await openProbe({ channel: newChannel(), attrs: { ringtone: RINGTONE }, query });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    await phone.command({ op: 'second' });
    await phone.call('incomingCall', CALL);
    await pause(300);
    expect(await playing(phone)).to.equal(1);
    // The newest goes: the other one takes the ring.
    await evalIn(phone, 'document.querySelectorAll("hubspot-softphone")[1].remove();');
    await pause(200);
    expect(await playing(phone), 'after the newest element went').to.equal(1);
    await phone.call('endCall', 'MISSED');
    await pause(200);
    expect(await playing(phone)).to.equal(0);
  });
});
