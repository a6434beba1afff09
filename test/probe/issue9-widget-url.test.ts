/**
 * Issue 9 probes: SET_WIDGET_URL in both directions, and HubSpot-shaped messages that are the
 * page's own. HubSpot is the SDK's own host on this page; the softphone is a cross-origin iframe.
 */
import { expect } from '@open-wc/testing';
import { APP_ORIGIN, HOST_ORIGIN, type Softphone } from '../protocol/harness.js';
import { CALL, REMOTE, WINDOW, evalIn, newChannel, openProbe, pause } from './probe-harness.js';

let messageIds = 1;
/** HubSpot (the parent window) posts a SET_WIDGET_URL to the app, as the SDK would put it on the wire. */
function hubspotSetWidgetUrl(phone: Softphone, fields: Record<string, unknown>) {
  phone.host.iframe.contentWindow!.postMessage({ type: 'SET_WIDGET_URL', messageId: `9_${messageIds++}`, ...fields }, APP_ORIGIN);
}

/** The app still hears HubSpot: a VISIBILITY_CHANGED becomes softphone-visibility-change, and an engagement lands on the call. */
async function stillHearsHubSpot(phone: Softphone, engagementId: number) {
  const seen = phone.eventsOf('softphone-visibility-change').length;
  phone.host.visibilityChanged(true);
  await phone.waitForEvent('softphone-visibility-change', { index: seen, timeout: 1500 });
  const call = await phone.call('incomingCall', CALL);
  phone.host.createEngagementSucceeded(engagementId);
  await phone.until((s) => s.call?.externalCallId === call.externalCallId && s.call?.engagementId === engagementId, {
    what: `engagement ${engagementId} on the call after SET_WIDGET_URL`,
    timeout: 1500,
  });
}

describe('issue9: HubSpot’s SET_WIDGET_URL, hostile and odd', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  // The guard compares origins, but the SDK then stores the iFrameUrl *as given* as destinationHost
  // and drops every later message whose origin is not exactly that string.
  const sameOrigin: [string, unknown][] = [
    ['a path on HubSpot’s own origin', `${HOST_ORIGIN}/calling/widget?x=1`],
    ['HubSpot’s origin with a trailing slash', `${HOST_ORIGIN}/`],
    ['HubSpot’s origin in capitals', HOST_ORIGIN.toUpperCase()],
  ];
  for (const [what, iFrameUrl] of sameOrigin) {
    it(`keeps hearing HubSpot after a SET_WIDGET_URL to ${what}`, async () => {
      phone = await openProbe({ channel: newChannel() });
      hubspotSetWidgetUrl(phone, { iFrameUrl });
      await pause(100);
      expect(phone.eventsOf('softphone-error').map((e) => e.detail.code)).to.not.include('ORIGIN_REJECTED');
      await stillHearsHubSpot(phone, 901);
    });
  }

  const hostile: [string, unknown][] = [
    ['javascript:', 'javascript:alert(document.domain)'],
    ['a relative URL', '/calling/widget'],
    ['a protocol-relative URL to another host', '//evil.example/x'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a number', 42],
    ['an object', { href: 'https://evil.example' }],
  ];
  for (const [what, iFrameUrl] of hostile) {
    it(`drops a SET_WIDGET_URL to ${what} (ORIGIN_REJECTED) and keeps hearing HubSpot`, async () => {
      phone = await openProbe({ channel: newChannel() });
      hubspotSetWidgetUrl(phone, { iFrameUrl });
      const error = await phone.waitForEvent('softphone-error', { where: (d) => d.code === 'ORIGIN_REJECTED' });
      expect(error.detail.message).to.contain('SET_WIDGET_URL');
      await stillHearsHubSpot(phone, 902);
      expect((await phone.inspect()).uncaught).to.deep.equal([]);
    });
  }

  for (const [what, fields] of [['without iFrameUrl', {}], ['with an empty iFrameUrl', { iFrameUrl: '' }], ['with a null iFrameUrl', { iFrameUrl: null }]] as const) {
    it(`shrugs off a SET_WIDGET_URL ${what}: no error, no second handshake, still hears HubSpot`, async () => {
      phone = await openProbe({ channel: newChannel() });
      hubspotSetWidgetUrl(phone, fields);
      await pause(100);
      expect(phone.eventsOf('softphone-error')).to.deep.equal([]);
      expect(phone.eventsOf('softphone-ready')).to.have.length(1);
      await stillHearsHubSpot(phone, 903);
      expect(phone.host.received('INITIALIZED')).to.have.length(1);
    });
  }
});

describe('issue9: setWidgetUrl before the handshake', () => {
  const frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames.splice(0)) f.dispose();
  });

  it('delivers it once, after INITIALIZED', async () => {
    const phone = await openProbe({ channel: newChannel(), holdSync: true, waitReady: false });
    frames.push(phone);
    await phone.call('setWidgetUrl', 'https://calls.example.com/hubspot?team=7');
    await pause(100);
    expect(phone.host.received('SET_WIDGET_URL')).to.deep.equal([]);
    phone.host.sync();
    await phone.host.waitFor('SET_WIDGET_URL');
    await pause(300);
    const sent = phone.host.received().map((m) => m.type);
    expect(sent.filter((t) => t === 'SET_WIDGET_URL')).to.have.length(1);
    expect(sent.indexOf('INITIALIZED')).to.be.greaterThan(-1);
    expect(sent.indexOf('INITIALIZED')).to.be.lessThan(sent.indexOf('SET_WIDGET_URL'));
    expect(phone.host.received('SET_WIDGET_URL')[0]!.data).to.deep.equal({ iFrameUrl: 'https://calls.example.com/hubspot?team=7' });
  });

  it('a remote delivers its own, once, after its INITIALIZED; the window sends none', async () => {
    const channel = newChannel();
    const win = await openProbe({ channel, sync: WINDOW, id: 'probe-host-0' });
    frames.push(win);
    await win.until((s) => s.isOwner);
    const remote = await openProbe({ channel, sync: REMOTE, id: 'probe-host-1', holdSync: true, waitReady: false });
    frames.push(remote);
    await remote.call('setWidgetUrl', 'https://calls.example.com/remote');
    remote.host.sync();
    await remote.host.waitFor('INITIALIZED');
    await remote.host.waitFor('SET_WIDGET_URL');
    await pause(300);
    expect(remote.host.received('SET_WIDGET_URL')).to.have.length(1);
    expect(win.host.received('SET_WIDGET_URL')).to.deep.equal([]);
  });
});

describe('issue9: the page’s own HubSpot-shaped messages', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  const SELF_POSTS = `
    const o = location.origin;
    postMessage({ type: 'SYNC', hostUrl: o, portalId: 1, userId: 2, iframeLocation: 'widget' }, '*');
    postMessage({ type: 'CREATE_ENGAGEMENT_SUCCEEDED', messageId: '1_1', data: { engagementId: 666 } }, '*');
    postMessage({ type: 'SET_WIDGET_URL', messageId: '1_2', iFrameUrl: 'https://evil.example' }, '*');
    const child = document.createElement('iframe');
    child.srcdoc = '<script>parent.postMessage({ type: "SYNC", hostUrl: location.origin }, "*");parent.postMessage({ type: "END_CALL", messageId: "1_3" }, "*")<\\/script>';
    document.body.append(child);
    await new Promise((r) => setTimeout(r, 300));
    return null;`;

  it('leaves a SYNC the page posts to itself (or from its own frame) alone: no ORIGIN_REJECTED', async () => {
    phone = await openProbe({ channel: newChannel() });
    const call = await phone.call('incomingCall', CALL);
    await evalIn(phone, SELF_POSTS);
    await pause(100);
    expect(phone.eventsOf('softphone-error').map((e) => e.detail)).to.deep.equal([]);
    const state = await phone.inspect();
    expect(state.call).to.include({ externalCallId: call.externalCallId, status: 'ringing' });
    expect(state.call.engagementId).to.equal(undefined);
  });

  it('before the handshake: the page’s own SYNC neither handshakes nor blocks HubSpot’s, and is not reported', async () => {
    phone = await openProbe({ channel: newChannel(), holdSync: true, waitReady: false });
    await evalIn(phone, SELF_POSTS);
    expect((await phone.inspect()).ready).to.equal(false);
    expect(phone.eventsOf('softphone-ready')).to.deep.equal([]);
    phone.host.sync();
    await phone.host.waitFor('INITIALIZED');
    await phone.waitForEvent('softphone-ready');
    expect((await phone.inspect()).hostContext).to.include({ portalId: 123, userId: 456 });
    expect(phone.eventsOf('softphone-error').map((e) => e.detail)).to.deep.equal([]);
  });
});
