/**
 * A vendor's first hour, across a real second origin: a refused host is named (console, view,
 * diagnose()), bad allowed-origins entries are named, sync-timeout follows its attribute, and
 * diagnose() reports what a support ticket needs.
 */
import { expect } from '@open-wc/testing';
import { APP_ORIGIN, HOST_ORIGIN, openSoftphone, type Softphone, pause } from './harness.js';


const inspect = (phone: Softphone) => phone.command({ op: 'inspect' });

describe('origin trouble is loud', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  it('a refused host gets one console warning with the attribute to paste, the view names it, diagnose() says why', async () => {
    phone = await openSoftphone({ attrs: { 'allowed-origins': 'https://app.hubspot.com' }, waitReady: false });
    await phone.waitForEvent('softphone-error', { where: (d) => d.code === 'ORIGIN_REJECTED' });
    // HubSpot repeats its SYNC every 100 ms; the warning's words load on demand.
    await pause(400);
    const state = await inspect(phone);
    const refusals = state.warnings.filter((w: string) => w.includes('not in allowed-origins'));
    expect(refusals).to.have.length(1);
    expect(refusals[0]).to.contain(`allowed-origins="https://app.hubspot.com ${HOST_ORIGIN}"`);
    expect(state.text).to.contain('This host is not allowed').and.contain(`${HOST_ORIGIN} may not use this calling app`);
    expect(state.text).to.not.contain('Connecting');
    expect(state.ready).to.equal(false);

    const report = await phone.command({ op: 'callAsync', method: 'diagnose', args: [] });
    expect(report).to.include({ origin: APP_ORIGIN, parentOrigin: HOST_ORIGIN, framed: true, allowed: false, allowedOrigins: 'https://app.hubspot.com' });
    expect(report.whyNot).to.contain(`allowed-origins="https://app.hubspot.com ${HOST_ORIGIN}"`);
    expect(report.rejected).to.deep.equal({ [HOST_ORIGIN]: 'origin not in allowed-origins' });
    expect(report.handshake).to.include({ phase: 'connecting', ready: false, syncAfterMs: null });
    expect(report.errors.map((e: { code: string }) => e.code)).to.include('ORIGIN_REJECTED');
    expect(report.text).to.contain('allowed: false').and.contain(`parentOrigin: ${HOST_ORIGIN}`);
  });

  it('once allowed-origins admits the host, the handshake goes through and the view moves on', async () => {
    phone = await openSoftphone({ attrs: { 'allowed-origins': 'https://app.hubspot.com' }, waitReady: false });
    await phone.waitForEvent('softphone-error', { where: (d) => d.code === 'ORIGIN_REJECTED' });
    await phone.set('allowedOrigins', `https://app.hubspot.com ${HOST_ORIGIN}`);
    // HubSpot's next SYNC gets through.
    await phone.host.waitFor('INITIALIZED');
    await pause(50);
    const state = await inspect(phone);
    expect(state.ready).to.equal(true);
    expect(state.text).to.not.contain('not allowed');
  });

  it('warns once for each allowed-origins entry that is not an origin, naming it, and keeps the good ones', async () => {
    phone = await openSoftphone({ attrs: { 'allowed-origins': `lol ://x ${HOST_ORIGIN}` } });
    await phone.set('available', true);
    await pause(300);
    const state = await inspect(phone);
    expect(state.ready).to.equal(true);
    const bad = state.warnings.filter((w: string) => w.includes('is not an origin'));
    expect(bad).to.have.length(2);
    expect(bad[0]).to.contain('"lol"');
    expect(bad[1]).to.contain('"://x"');
  });

  it('sync-timeout takes effect when changed before the handshake, counted from when the element connected', async () => {
    phone = await openSoftphone({ holdSync: true, attrs: { 'sync-timeout': '60000' } });
    await pause(100);
    await phone.set('syncTimeout', 300);
    const { detail } = await phone.waitForEvent('softphone-error', { where: (d) => d.code === 'SYNC_TIMEOUT', timeout: 2000 });
    expect(detail.message).to.contain('300 ms');
    expect((await inspect(phone)).text).to.contain('Open this inside HubSpot');
  });

  it('a bad sync-timeout keeps the default instead of timing out at once', async () => {
    phone = await openSoftphone({ holdSync: true, attrs: { 'sync-timeout': 'soon' } });
    await pause(500);
    expect(phone.eventsOf('softphone-error').map((e) => e.detail.code)).to.not.include('SYNC_TIMEOUT');
    const warnings = (await inspect(phone)).warnings.filter((w: string) => w.includes('sync-timeout'));
    expect(warnings).to.deep.equal(['[hubspot-softphone] sync-timeout="soon" is not a number of milliseconds: using 30000.']);
  });
});

describe('diagnose()', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  it('reports a working frame: origins, handshake timings, SYNC context, ownership, storage, versions, errors', async () => {
    phone = await openSoftphone();
    phone.host.fail('CALLER_ID_MATCH_FAILED', 'no match');
    await phone.waitForEvent('softphone-error');
    const report = await phone.command({ op: 'callAsync', method: 'diagnose', args: [] });
    expect(report).to.include({ origin: APP_ORIGIN, parentOrigin: HOST_ORIGIN, framed: true, allowed: true, whyNot: null });
    expect(report.handshake.phase).to.equal('ready');
    expect(report.handshake.ready).to.equal(true);
    expect(report.handshake.syncAfterMs).to.be.a('number').at.least(0);
    expect(report.handshake.initializedAfterMs).to.be.at.least(report.handshake.syncAfterMs);
    expect(report.context).to.include({ portalId: 123, userId: 456, iframeLocation: 'widget', usesCallingWindow: false, hostUrl: HOST_ORIGIN });
    expect(report.ownership).to.include({ role: 'owner', isOwner: true });
    // Firefox does not list a cross-site frame's locks (query() rejects there), so the report says null; Chromium lists them.
    if (!navigator.userAgent.includes('Firefox')) expect(report.ownership.locks.some((l: string) => l.startsWith('held hubspot-softphone:'))).to.equal(true);
    expect(report.storage).to.deep.equal({ sessionStorage: true, localStorage: true, broadcastChannel: true, webLocks: true });
    expect(report.versions).to.include({ element: '0.1.0', sdk: '0.9.7' });
    expect(['granted', 'denied', 'prompt', 'unknown']).to.include(report.microphonePermission);
    expect(['allowed', 'blocked', 'unknown']).to.include(report.permissionsPolicy.microphone);
    expect(['default', 'granted', 'denied', 'unsupported']).to.include(report.notificationPermission);
    expect(report.errors).to.have.length(1);
    expect(report.errors[0]).to.include({ code: 'CALLER_ID_MATCH_FAILED', message: 'no match' });
    expect(report.text).to.match(/^hubspot-softphone diagnosis, \d{4}-/);
    expect(report.text).to.contain('handshake.ready: true').and.contain('ownership.isOwner: true').and.contain('CALLER_ID_MATCH_FAILED no match');
  });
});
