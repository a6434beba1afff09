/**
 * What the page changes between the handshake answer (softphone-ready) and the election's
 * result: for a reloaded owner with a stored call, its size or login change must still reach HubSpot.
 */
import { expect } from '@open-wc/testing';
import { SYNC } from '../protocol/harness.js';
import { CALL, evalIn, newChannel, openProbe, pause } from './probe-harness.js';

describe('probe: changes made at softphone-ready', () => {
  it('a size set at softphone-ready after a reload with a stored call reaches HubSpot', async () => {
    // First load 300x500, after the reload 320x520: set the moment the element is ready.
    const channel = newChannel();
    const onReady = `const k = '${channel}-n'; const n = Number(sessionStorage.getItem(k) ?? 0); sessionStorage.setItem(k, String(n + 1)); el.width = 300 + 20 * n; el.height = 500 + 20 * n;`;
    const phone = await openProbe({ channel, query: { onReady } });
    try {
      await phone.until((s) => s.isOwner);
      await phone.call('incomingCall', CALL);
      await pause(100);
      phone.host.reload(SYNC);
      await phone.host.waitFor('INITIALIZED', { index: 1 });
      await phone.until((s) => s.isOwner && s.call?.status === 'ringing');
      await pause(300);
      const sizes = phone.host.received('RESIZE_WIDGET').map((m) => m.data);
      // The first load (no stored call) got its 300x500 through the same path: only the restore drops it.
      expect(sizes, 'RESIZE_WIDGET messages').to.deep.include({ width: 300, height: 500 });
      expect(sizes, 'RESIZE_WIDGET messages').to.deep.include({ width: 320, height: 520 });
    } finally {
      phone.dispose();
    }
  });

  it('logged out at softphone-ready after a reload with a stored call: HubSpot hears LOGGED_OUT', async () => {
    const channel = newChannel();
    const onReady = `const k = '${channel}-reloaded'; if (sessionStorage.getItem(k)) el.loggedIn = false; sessionStorage.setItem(k, '1');`;
    const phone = await openProbe({ channel, query: { onReady } });
    try {
      await phone.until((s) => s.isOwner);
      await phone.call('incomingCall', CALL);
      await pause(100);
      phone.host.reload(SYNC);
      await phone.host.waitFor('INITIALIZED', { index: 1 });
      await phone.until((s) => s.isOwner);
      await pause(300);
      const initialized = phone.host.received('INITIALIZED')[1]!.data as { isLoggedIn: boolean };
      expect(await evalIn(phone, 'return el.loggedIn;'), 'the element is signed out').to.equal(false);
      expect(phone.host.received().map((m) => m.type), `what HubSpot heard (second INITIALIZED said isLoggedIn: ${initialized.isLoggedIn})`).to.include('LOGGED_OUT');
    } finally {
      phone.dispose();
    }
  });
});
