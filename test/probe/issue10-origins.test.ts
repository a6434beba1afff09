/**
 * Issue 10's loud origin trouble against repeats, odd orders and changes: a refused parent is
 * named once per allowed-origins value, whatever else sent a SYNC first.
 */
import { expect } from '@open-wc/testing';
import { HOST_ORIGIN, type Softphone } from '../protocol/harness.js';
import { newChannel, openProbe, pause } from './probe-harness.js';

const refusals = (s: { warnings: string[] }) => s.warnings.filter((w) => w.includes('not in allowed-origins'));
const rejectedErrors = (phone: Softphone) => phone.eventsOf('softphone-error').filter((e) => e.detail.code === 'ORIGIN_REJECTED');
const sync = { type: 'SYNC', hostUrl: HOST_ORIGIN, portalId: 123, userId: 456, iframeLocation: 'widget' };

describe('probe issue 10: refused hosts', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
    document.getElementById('sibling')?.remove();
  });

  it('a refused parent SYNCing 100 times more: one warning, one ORIGIN_REJECTED, the view names it', async () => {
    const phone = await openProbe({ channel: newChannel(), attrs: { 'allowed-origins': 'https://app.hubspot.com' }, waitReady: false });
    frames = [phone];
    await phone.waitForEvent('softphone-error', { where: (d) => d.code === 'ORIGIN_REJECTED' });
    const target = phone.host.iframe.contentWindow!;
    for (let i = 0; i < 100; i++) target.postMessage({ ...sync, messageId: `x_${i}` }, '*');
    await pause(400);
    const state = await phone.inspect();
    expect(refusals(state)).to.have.length(1);
    expect(rejectedErrors(phone)).to.have.length(1);
    expect(state.text).to.contain('This host is not allowed').and.contain(HOST_ORIGIN);
    expect(state.uncaught).to.deep.equal([]);
  });

  it('allowed-origins changed to another value that still refuses: a new warning with the value to paste now', async () => {
    const phone = await openProbe({ channel: newChannel(), attrs: { 'allowed-origins': 'https://app.hubspot.com' }, waitReady: false });
    frames = [phone];
    await phone.waitForEvent('softphone-error', { where: (d) => d.code === 'ORIGIN_REJECTED' });
    await phone.set('allowedOrigins', 'https://app-eu1.hubspot.com');
    await pause(400);
    const state = await phone.inspect();
    expect(refusals(state).at(-1), 'the latest warning').to.contain(`allowed-origins="https://app-eu1.hubspot.com ${HOST_ORIGIN}"`);
    expect(state.text).to.contain('This host is not allowed');
    // Then allowed through `*`: the handshake goes through.
    await phone.set('allowedOrigins', '*');
    await phone.host.waitFor('INITIALIZED');
    await phone.until((s) => s.isOwner && !s.text.includes('not allowed'));
    expect((await phone.inspect()).warnings.filter((w) => w.includes('allowed-origins="*"'))).to.have.length(1);
  });

  it('another window of the host’s origin SYNCs first: the refused parent is still named, in the view and the console', async () => {
    const phone = await openProbe({ channel: newChannel(), attrs: { 'allowed-origins': 'https://app.hubspot.com' }, holdSync: true, waitReady: false });
    frames = [phone];
    // A sibling frame of the host page (same origin as the parent, not the parent).
    const sibling = Object.assign(document.createElement('iframe'), { id: 'sibling', srcdoc: '<p>sibling</p>' });
    const loaded = new Promise((r) => (sibling.onload = r));
    document.body.append(sibling);
    await loaded;
    const post = (sibling.contentWindow as Window & typeof globalThis).Function('target', 'message', 'target.postMessage(message, "*")');
    post(phone.host.iframe.contentWindow, { ...sync, messageId: 'sib_1' });
    await phone.waitForEvent('softphone-error', { where: (d) => d.code === 'ORIGIN_REJECTED' });
    phone.host.sync();
    await pause(500);
    const state = await phone.inspect();
    expect(state.text).to.contain('This host is not allowed');
    expect(refusals(state)).to.have.length(1);
  });

  it('an empty allowed-origins refuses the parent; the value to paste has no stray space', async () => {
    const phone = await openProbe({ channel: newChannel(), attrs: { 'allowed-origins': '' }, waitReady: false });
    frames = [phone];
    await phone.waitForEvent('softphone-error', { where: (d) => d.code === 'ORIGIN_REJECTED' });
    await pause(300);
    const [warning] = refusals(await phone.inspect());
    expect(warning).to.contain(`allowed-origins="${HOST_ORIGIN}"`);
    const report = await phone.command({ op: 'callAsync', method: 'diagnose', args: [] });
    expect(report.whyNot).to.contain(`allowed-origins="${HOST_ORIGIN}"`);
  });
});
