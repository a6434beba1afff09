import { expect } from '@open-wc/testing';
import { openSoftphone, type Softphone } from './harness.js';

describe('handshake', () => {
  let phone: Softphone;
  afterEach(() => phone?.dispose());

  it('answers SYNC and sends a full initialized payload', async () => {
    phone = await openSoftphone({ attrs: { available: '', width: '320', height: '540' } });
    const init = await phone.host.waitFor('INITIALIZED');
    expect(init.data).to.deep.equal({ isLoggedIn: true, isAvailable: true, sizeInfo: { width: 320, height: 540 } });
    const ready = await phone.waitForEvent('softphone-ready');
    expect(ready.detail).to.include({ portalId: 123, userId: 456, ownerId: 789, iframeLocation: 'widget', usesCallingWindow: false });
    expect(ready.detail.hostUrl).to.equal(location.origin);
  });
});
