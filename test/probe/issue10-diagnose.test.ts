/**
 * Issue 10's diagnose() at awkward moments: before the handshake, in a remote mirror, with
 * storage that throws, fifty at once, and on an element whose session has ended.
 */
import { expect } from '@open-wc/testing';
import { HOST_ORIGIN, type Softphone } from '../protocol/harness.js';
import { CALL, evalIn, newChannel, openProbe, openWindowAndRemotes, pause } from './probe-harness.js';

const diagnose = (phone: Softphone) => phone.command({ op: 'callAsync', method: 'diagnose', args: [] });

describe('probe issue 10: diagnose()', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  it('before the handshake: connecting, no context, no times, the parent named, nothing thrown', async () => {
    const phone = await openProbe({ channel: newChannel(), holdSync: true, waitReady: false });
    frames = [phone];
    const report = await diagnose(phone);
    expect(report.handshake).to.deep.equal({ phase: 'connecting', ready: false, syncAfterMs: null, initializedAfterMs: null });
    expect(report.context).to.equal(null);
    expect(report.ownership).to.include({ role: 'pending', isOwner: false, ownerStatus: null });
    expect(report.parentOrigin).to.equal(HOST_ORIGIN);
    expect(report.allowed).to.equal(true);
    expect(report.text).to.contain('handshake.phase: connecting').and.contain('context: (none)');
    phone.host.sync();
    await phone.host.waitFor('INITIALIZED');
    await phone.until((s) => s.isOwner);
    expect((await diagnose(phone)).handshake.phase).to.equal('ready');
  });

  it('in a remote mirror: the mirror’s role, the window’s call', async () => {
    frames = await openWindowAndRemotes(1);
    const [win, remote] = frames as [Softphone, Softphone];
    const call = await win.call('incomingCall', CALL);
    await remote.until((s) => s.call?.status === 'ringing');
    const report = await diagnose(remote);
    expect(report.ownership).to.include({ role: 'mirror', isOwner: false, ownerStatus: 'present' });
    expect(report.call.externalCallId).to.equal(call.externalCallId);
    expect(report.context).to.include({ iframeLocation: 'remote', usesCallingWindow: true });
  });

  it('storage that throws: reported as unusable, and the softphone carries on', async () => {
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    await evalIn(phone, `for (const m of ['getItem', 'setItem', 'removeItem']) Storage.prototype[m] = () => { throw new DOMException('denied', 'SecurityError'); };`);
    const report = await diagnose(phone);
    expect(report.storage).to.include({ sessionStorage: false, localStorage: false });
    await phone.call('incomingCall', CALL);
    await phone.host.waitFor('INCOMING_CALL');
    expect((await phone.inspect()).uncaught).to.deep.equal([]);
  });

  it('fifty at once: all resolve alike, and say the same errors', async () => {
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    phone.host.fail('CALLER_ID_MATCH_FAILED', 'no match');
    await phone.waitForEvent('softphone-error');
    const reports = await evalIn(phone, 'const all = await Promise.all(Array.from({ length: 50 }, () => el.diagnose())); return all.map((r) => [Object.keys(r).length, r.errors.length, r.ownership.role]);', 8000);
    expect(reports).to.have.length(50);
    expect(new Set(reports.map((r: unknown[]) => JSON.stringify(r))).size).to.equal(1);
    expect(reports[0].slice(1)).to.deep.equal([1, 'owner']);
  });

  it('on an element removed long enough for its session to end: resolves, and a new element still works', async function () {
    this.timeout(15000);
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    await phone.command({ op: 'detach' });
    // DETACH_GRACE_MS (2 s): the session ends.
    await pause(2400);
    const report = await evalIn(phone, 'return await elements[elements.length - 1].diagnose();');
    expect(report.ownership.isOwner).to.equal(false);
    await phone.command({ op: 'attach' });
    await phone.until((s) => s.isOwner, { timeout: 4000, what: 'ownership in the new element' });
    const call = await phone.call('incomingCall', CALL);
    expect((await phone.host.waitFor('INCOMING_CALL')).data).to.include({ externalCallId: call.externalCallId });
  });
});
