/**
 * No calling window (`usesCallingWindow: false`): every HubSpot tab has its own calling iframe.
 * Here the tabs are real browser tabs (tabs.ts): this test page is one HubSpot tab, and
 * openHubSpotTab() opens another, each with HubSpot's side on the SDK's IFrameManager.
 */
import { expect } from '@open-wc/testing';
import { CONTACT, SYNC, openSoftphone, type Softphone, pause } from './harness.js';
import { openHubSpotTab } from './hubspot-tabs.js';
import { closeAllTabs } from './tabs.js';

const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002', externalCallId: 'sip-offer-1' };

describe('several HubSpot tabs without a calling window', () => {
  let here: Softphone | undefined;
  let channel: string;
  beforeEach(() => {
    channel = `test-${Math.random().toString(36).slice(2)}`;
  });
  afterEach(async () => {
    here?.dispose();
    here = undefined;
    await closeAllTabs();
  });

  const openHere = async () => {
    here = await openSoftphone({ sync: SYNC, attrs: { channel } });
    return here;
  };
  const openThere = () => openHubSpotTab({ sync: SYNC, attrs: { channel } });

  it('elects one owner; a call offered in every tab reaches HubSpot once and rings in both', async () => {
    const a = await openHere();
    await a.until((s) => s.isOwner, { what: 'this tab owning the call' });
    const b = await openThere();
    await pause(100);
    expect((await b.inspect()).isOwner).to.equal(false);
    expect(a.eventsOf('softphone-ownership-change').map((e) => e.detail)).to.deep.equal([{ isOwner: true }]);
    expect((await b.eventsOf('softphone-ownership-change')).map((e) => e.detail)).to.deep.equal([{ isOwner: false }]);

    // The vendor's telephony rings in every tab; HubSpot hears of it once, from the owner.
    await b.call('incomingCall', CALL);
    await a.call('incomingCall', CALL);
    a.host.callerIdMatchSucceeded([CONTACT]);
    await b.until((s) => s.call?.status === 'ringing' && s.text.includes('Ada Lovelace'), { what: 'the ringing card' });
    await b.click('answer-button');
    await a.host.waitFor('CALL_ANSWERED');
    await pause(150);
    expect(a.host.received('INCOMING_CALL').map((m) => (m.data as { externalCallId: string }).externalCallId)).to.deep.equal([CALL.externalCallId]);
    expect(a.host.received('CALL_ANSWERED')).to.have.length(1);
    expect((await b.received()).map((m) => m.type)).to.deep.equal(['READY', 'INITIALIZED']);
    expect(a.eventsOf('softphone-answer')).to.have.length(1);
  });

  it('moves ownership within a couple of seconds when the owner’s tab closes, and the new owner finishes the call', async () => {
    const b = await openThere();
    await b.until((s) => s.isOwner, { what: 'the other tab owning the call' });
    const a = await openHere();
    await b.call('incomingCall', CALL);
    await b.hostSend('CREATE_ENGAGEMENT_SUCCEEDED', { engagementId: 55 });
    await b.call('answerCall');
    await a.until((s) => s.call?.status === 'connected' && s.call.engagementId === 55, { what: 'the mirrored call' });
    expect((await a.inspect()).isOwner).to.equal(false);

    const closedAt = Date.now();
    await b.close();
    const state = await a.until((s) => s.isOwner, { timeout: 4000, what: 'ownership moving here' });
    expect(Date.now() - closedAt).to.be.below(2000);
    expect(state.call).to.include({ externalCallId: CALL.externalCallId, status: 'connected', engagementId: 55 });
    const adopted = await a.waitForEvent('softphone-call-change', { where: (d) => d.restored });
    expect(adopted.detail).to.deep.include({ restored: true });
    expect(a.eventsOf('softphone-ownership-change').map((e) => e.detail)).to.deep.equal([{ isOwner: false }, { isOwner: true }]);

    // The call is finished from here, with the same ids; nothing is told twice.
    await a.click('hangup-button');
    expect((await a.host.waitFor('CALL_ENDED')).data).to.deep.equal({ externalCallId: CALL.externalCallId, engagementId: 55, callEndStatus: 'COMPLETED' });
    await pause(100);
    expect(a.host.received().map((m) => m.type)).to.deep.equal(['READY', 'INITIALIZED', 'CALL_ENDED']);
  });

  it('hands ownership on when the owner’s element goes away while idle, and says so on both sides', async () => {
    const a = await openHere();
    await a.until((s) => s.isOwner);
    const b = await openThere();
    await a.command({ op: 'detach' });
    await b.until((s) => s.isOwner, { what: 'ownership moving to the other tab' });
    expect(a.eventsOf('softphone-ownership-change').map((e) => e.detail)).to.deep.equal([{ isOwner: true }, { isOwner: false }]);
    expect((await b.eventsOf('softphone-ownership-change')).map((e) => e.detail)).to.deep.equal([{ isOwner: false }, { isOwner: true }]);
  });

  it('carries a click that a frozen owner never heard to the next owner, once', async () => {
    const b = await openThere();
    await b.until((s) => s.isOwner);
    const a = await openHere();
    await b.call('incomingCall', CALL);
    await a.until((s) => s.call?.status === 'ringing');
    await b.command({ op: 'freeze' });
    // The click reaches nobody yet; the tab keeps it until an owner confirms it.
    await a.click('decline-button');
    await pause(100);
    expect(await b.received('CALL_ENDED')).to.deep.equal([]);
    await b.close();
    expect((await a.host.waitFor('CALL_ENDED', { timeout: 4000 })).data).to.include({ externalCallId: CALL.externalCallId, callEndStatus: 'REJECTED' });
    await pause(150);
    expect(a.host.received('CALL_ENDED')).to.have.length(1);
  });
});

describe('a browser without Web Locks or BroadcastChannel', () => {
  let phone: Softphone | undefined;
  afterEach(() => {
    phone?.dispose();
    phone = undefined;
  });

  for (const [disable, api] of [['locks', 'Web Locks'], ['channel', 'BroadcastChannel']]) {
    it(`says once that ${api} is missing and works as a single tab`, async () => {
      phone = await openSoftphone({ query: { disable } });
      await phone.until((s) => s.isOwner);
      const call = await phone.call('incomingCall', CALL);
      await phone.call('answerCall');
      await phone.host.waitFor('CALL_ANSWERED');
      phone.host.reload();
      await phone.host.waitFor('INITIALIZED', { index: 1 });
      await phone.until((s) => s.call?.externalCallId === call.externalCallId, { what: 'the call restored' });
      const errors = phone.eventsOf('softphone-error').map((e) => e.detail);
      expect(errors).to.have.length(2);
      for (const error of errors) expect(error).to.deep.equal({ code: 'TAB_SYNC_UNAVAILABLE', message: `No ${api} here: each HubSpot tab works alone and may ring (use a current browser; a frame sandboxed without allow-same-origin has neither BroadcastChannel nor Web Locks).` });
    });
  }
});

describe('one HubSpot tab', () => {
  it('owns at once and says nothing about ownership it does not need', async () => {
    const phone = await openSoftphone();
    try {
      await phone.until((s) => s.isOwner);
      expect(phone.eventsOf('softphone-error')).to.deep.equal([]);
    } finally {
      phone.dispose();
    }
  });
});
