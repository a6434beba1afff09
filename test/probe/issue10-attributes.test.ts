/**
 * Issue 10's attribute checks with hostile values and odd orders: timeouts too large for a
 * timer, sync-timeout changed at every moment.
 */
import { expect } from '@open-wc/testing';
import { type Softphone } from '../protocol/harness.js';
import { CALL, newChannel, openProbe, pause } from './probe-harness.js';

const codes = (phone: Softphone) => phone.eventsOf('softphone-error').map((e) => e.detail.code);

describe('probe issue 10: attribute values', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  it('a ring-timeout longer than a timer can hold (35 days) does not end the call as MISSED at once', async () => {
    const phone = await openProbe({ channel: newChannel(), attrs: { 'ring-timeout': '3000000' } });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    await phone.call('incomingCall', CALL);
    await pause(300);
    expect((await phone.inspect()).call?.status).to.equal('ringing');
    expect(phone.host.received('CALL_ENDED')).to.have.length(0);
  });

  it('a sync-timeout longer than a timer can hold does not time out at once', async () => {
    const phone = await openProbe({ channel: newChannel(), holdSync: true, attrs: { 'sync-timeout': '3000000000' } });
    frames = [phone];
    await pause(300);
    expect(codes(phone)).to.not.include('SYNC_TIMEOUT');
    expect((await phone.inspect()).text).to.contain('Connecting');
    // Set later, before the handshake, too.
    await phone.set('syncTimeout', 1e12);
    await pause(300);
    expect(codes(phone)).to.not.include('SYNC_TIMEOUT');
  });

  it('sync-timeout set to 0, negative, NaN and Infinity before the handshake keeps waiting; the SYNC still gets through', async () => {
    const phone = await openProbe({ channel: newChannel(), holdSync: true, attrs: { 'sync-timeout': '60000' } });
    frames = [phone];
    for (const value of [0, -5, NaN, Infinity, '12abc', null]) {
      await phone.set('syncTimeout', value);
      await pause(60);
    }
    await pause(200);
    expect(codes(phone)).to.not.include('SYNC_TIMEOUT');
    phone.host.sync();
    await phone.host.waitFor('INITIALIZED');
    await phone.until((s) => s.isOwner);
    // After the handshake it changes nothing.
    await phone.set('syncTimeout', 1);
    await pause(100);
    expect(codes(phone)).to.not.include('SYNC_TIMEOUT');
    expect((await phone.inspect()).text).to.not.contain('Open this inside HubSpot');
  });

  it('sync-timeout shortened below the time already waited times out at once; the late SYNC still gets through', async () => {
    const phone = await openProbe({ channel: newChannel(), holdSync: true, attrs: { 'sync-timeout': '60000' } });
    frames = [phone];
    await pause(300);
    await phone.set('syncTimeout', 50);
    await phone.waitForEvent('softphone-error', { where: (d) => d.code === 'SYNC_TIMEOUT', timeout: 500 });
    expect((await phone.inspect()).text).to.contain('Open this inside HubSpot');
    phone.host.sync();
    await phone.host.waitFor('INITIALIZED');
    await phone.until((s) => s.isOwner && !s.text.includes('Open this inside HubSpot'));
  });
});
