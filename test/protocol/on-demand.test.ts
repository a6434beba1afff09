import { expect } from '@open-wc/testing';
import { loadDialNumber } from '../../src/session/on-demand.js';
import { APP_ORIGIN, HOST_ORIGIN, SYNC, openSoftphone, type Softphone, pause } from './harness.js';


describe('optional files, loaded on demand', () => {
  it('bundlers get a plain import of the click-to-call reader', async () => {
    const { nationalToE164 } = await loadDialNumber();
    expect(nationalToE164('020 7946 0018', 'GB')).to.equal('+442079460018');
  });

  // The CDN core reaches the loader through click-to-call: a national number with HubSpot's
  // countryCode. No hook for tests: what a vendor's page gets is what is tested.
  describe('from the CDN script', () => {
    let phone: Softphone | undefined;
    afterEach(() => {
      phone?.dispose();
      phone = undefined;
    });

    /** What the page fetched of extras/ besides sync.js, which every frame loads after the handshake. */
    const dialFiles = (detail: { fetched: string[] }) => detail.fetched.filter((name) => !name.endsWith('/sync.js'));

    const open = (query: Record<string, string> = {}) =>
      openSoftphone({ src: `${APP_ORIGIN}/test/protocol/fixtures/cdn-extras.html?${new URLSearchParams({ host: HOST_ORIGIN, ...query })}` });

    it('fetches extras/dial-number.js from beside the script, not the page, at the first click-to-call only', async () => {
      phone = await open();
      await pause(300);
      expect(phone.eventsOf('dial')).to.deep.equal([]);
      phone.host.dialNumber('+15551234567', { countryCode: 'US' });
      const e164 = await phone.waitForEvent('dial');
      expect(e164.detail.phoneNumber).to.equal('+15551234567');
      expect(dialFiles(e164.detail)).to.deep.equal([`${APP_ORIGIN}/dist/extras/dial-number.js`]);
      phone.host.dialNumber('096 123 4567', { countryCode: 'UA' });
      const national = await phone.waitForEvent('dial', { index: 1 });
      expect(national.detail.phoneNumber).to.equal('+380961234567');
      expect(dialFiles(national.detail)).to.deep.equal([`${APP_ORIGIN}/dist/extras/dial-number.js`]);
    });

    it('resolves against the script URL whatever its query', async () => {
      phone = await open({ script: '/dist/hubspot-softphone.min.js?v=1' });
      phone.host.dialNumber('(555) 123-4567', { countryCode: 'US' });
      const dial = await phone.waitForEvent('dial');
      expect(dial.detail.phoneNumber).to.equal('+15551234567');
      expect(dialFiles(dial.detail)).to.deep.equal([`${APP_ORIGIN}/dist/extras/dial-number.js`]);
    });

    it('follows the script to another origin, as a CDN is', async () => {
      phone = await open({ script: `${HOST_ORIGIN}/dist/hubspot-softphone.min.js` });
      phone.host.dialNumber('020 7946 0018', { countryCode: 'GB' });
      const dial = await phone.waitForEvent('dial');
      expect(dial.detail.phoneNumber).to.equal('+442079460018');
      expect(dial.detail.fetched).to.deep.equal([`${HOST_ORIGIN}/dist/extras/sync.js`, `${HOST_ORIGIN}/dist/extras/dial-number.js`]);
    });

    it('loads the sync code from beside the script after the handshake, and a tab alone owns its calls', async () => {
      phone = await open();
      await phone.waitForEvent('softphone-ownership-change', { where: (d) => d.isOwner });
      phone.host.dialNumber('+15551234567');
      expect((await phone.waitForEvent('dial')).detail.fetched).to.deep.equal([`${APP_ORIGIN}/dist/extras/sync.js`, `${APP_ORIGIN}/dist/extras/dial-number.js`]);
    });

    it('says once what to fix when the sync code is not served, and the calling window works alone', async () => {
      phone = await openSoftphone({
        src: `${APP_ORIGIN}/test/protocol/fixtures/cdn-extras.html?${new URLSearchParams({ host: HOST_ORIGIN, csp: '' })}`,
        sync: { ...SYNC, iframeLocation: 'window', usesCallingWindow: true },
        waitReady: false,
      });
      const error = await phone.waitForEvent('softphone-error');
      expect(error.detail).to.deep.include({ code: 'TAB_SYNC_UNAVAILABLE' });
      expect(error.detail.message).to.contain('extras/sync.js');
      expect((await phone.waitForEvent('softphone-ownership-change')).detail).to.deep.equal({ isOwner: true });
      const warnings = phone.eventsOf('warning').map((e) => e.detail);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('serve dist/extras/ beside the script');
      await phone.host.waitFor('INITIALIZED');
    });

    it('loads the built-in dialpad’s code from beside the script once `dialpad` is set', async () => {
      phone = await open({ dialpad: '' });
      const shown = await phone.waitForEvent('dialpad');
      expect(shown.detail).to.include(`${APP_ORIGIN}/dist/extras/controls.js`);
    });

    it('says once what to fix when the built-in controls’ code is blocked, and goes on without them (no unhandled rejection)', async () => {
      phone = await openSoftphone({
        src: `${APP_ORIGIN}/test/protocol/fixtures/cdn-extras.html?${new URLSearchParams({ host: HOST_ORIGIN, csp: '', dialpad: '' })}`,
        waitReady: false,
      });
      await phone.host.waitFor('INITIALIZED');
      await phone.waitForEvent('softphone-ownership-change', { timeout: 8000 });
      await pause(300);
      const warnings = phone.eventsOf('warning').map((e) => e.detail).filter((w: string) => w.includes('controls.js'));
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('serve dist/extras/ beside the script');
      expect(phone.eventsOf('unhandled')).to.deep.equal([]);
      expect(phone.eventsOf('dialpad')).to.deep.equal([]);
    });

    it('a sync code that never arrives (a stalled CDN) leaves the frame working alone after 5 s, not ownerless', async () => {
      phone = await openSoftphone({
        src: `${APP_ORIGIN}/test/protocol/fixtures/cdn-extras.html?${new URLSearchParams({ host: HOST_ORIGIN, script: '/stalled/dist/hubspot-softphone.min.js' })}`,
        waitReady: false,
      });
      await phone.host.waitFor('INITIALIZED');
      const owner = await phone.waitForEvent('softphone-ownership-change', { timeout: 8000 });
      expect(owner.detail).to.deep.equal({ isOwner: true });
      const error = phone.eventsOf('softphone-error').find((e) => e.detail.code === 'TAB_SYNC_UNAVAILABLE');
      expect(error?.detail.message).to.contain('extras/sync.js');
    });

    it('rejects when the file is blocked (CSP), and the number goes on as HubSpot sent it', async () => {
      phone = await open({ csp: '' });
      phone.host.dialNumber('096 123 4567', { countryCode: 'UA' });
      const dial = await phone.waitForEvent('dial');
      expect(dial.detail.phoneNumber).to.equal('096 123 4567');
      // Chromium lists a blocked load among resource timings too; the violation says where it went.
      const extras = `${APP_ORIGIN}/dist/extras/dial-number.js`;
      await phone.waitForEvent('blocked', { where: (uri) => uri === extras });
    });
  });
});
