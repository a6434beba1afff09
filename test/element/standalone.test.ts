import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { HubSpotSoftphone } from '../../src/index.js';
import { expectAccessible } from './mount.js';

/** On a page that is not inside HubSpot: no parent, so no handshake. */
describe('<hubspot-softphone> outside HubSpot', () => {
  it('outside any frame, says at once that it belongs in HubSpot, whatever sync-timeout says, accessibly', async () => {
    const el = await fixture<HubSpotSoftphone>(html`<hubspot-softphone sync-timeout="60000" theme="dark"></hubspot-softphone>`);
    const { detail } = await oneEvent(el, 'softphone-error');
    expect(detail.code).to.equal('SYNC_TIMEOUT');
    expect(detail.message).to.contain('Not in a frame');
    expect(el.ready).to.equal(false);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain('Open this inside HubSpot');
    await expectAccessible(el);
  });

  it('leaves the page’s own messages alone', async () => {
    const el = await fixture<HubSpotSoftphone>(html`<hubspot-softphone></hubspot-softphone>`);
    const errors: unknown[] = [];
    el.addEventListener('softphone-error', (e) => errors.push(e.detail));
    const seen: unknown[] = [];
    const listener = (e: MessageEvent) => seen.push(e.data);
    addEventListener('message', listener);
    postMessage({ type: 'oauth', token: 't' }, '*');
    postMessage('tick$1', '*');
    await new Promise((r) => setTimeout(r, 50));
    removeEventListener('message', listener);
    expect(seen).to.deep.equal([{ type: 'oauth', token: 't' }, 'tick$1']);
    // At most that this page is not in a frame; nothing about its messages.
    expect(errors.filter((e) => (e as { code: string }).code !== 'SYNC_TIMEOUT')).to.deep.equal([]);
  });

  it('does not act on the page’s own HubSpot-shaped messages, and leaves them to the page', async () => {
    const el = await fixture<HubSpotSoftphone>(html`<hubspot-softphone></hubspot-softphone>`);
    const seen: string[] = [];
    el.addEventListener('softphone-dial-number', () => seen.push('dial'));
    el.addEventListener('softphone-error', (e) => e.detail.code !== 'SYNC_TIMEOUT' && seen.push('error'));
    const heard = new Promise((resolve) => addEventListener('message', resolve, { once: true }));
    postMessage({ type: 'DIAL_NUMBER', data: { phoneNumber: '+15551230000' }, messageId: '1_1' }, '*');
    expect(((await heard) as MessageEvent).data.type).to.equal('DIAL_NUMBER');
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).to.deep.equal([]);
  });

  it('queues calls made before any handshake and shows them', async () => {
    const el = await fixture<HubSpotSoftphone>(html`<hubspot-softphone></hubspot-softphone>`);
    const call = el.incomingCall({ fromNumber: '+15551230001', toNumber: '+15551230002' });
    await el.updateComplete;
    expect(el.call).to.equal(call);
    expect(el.shadowRoot!.querySelector('[part=incoming-card]')).to.exist;
  });
});
