/**
 * Issue 10's error scoping: an error banner goes with the call it was shown with and must
 * not come back with a later state.
 */
import { expect } from '@open-wc/testing';
import { type Softphone } from '../protocol/harness.js';
import { CALL, newChannel, openProbe, pause } from './probe-harness.js';

describe('probe issue 10: errors go with their call', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  it('an error shown while idle does not come back after a call has come and gone', async () => {
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    phone.host.fail('NAVIGATE_TO_RECORD_FAILED', 'No such record');
    await phone.until((s) => s.text.includes('No such record'));
    await phone.call('outgoingCall', { toNumber: CALL.toNumber });
    await phone.until((s) => !s.text.includes('No such record'));
    await phone.call('endCall');
    await phone.call('completeCall');
    await pause(100);
    expect((await phone.inspect()).text).to.not.contain('No such record');
  });

  it('an error shown with a call does not come back when a call with the same id comes later', async () => {
    const phone = await openProbe({ channel: newChannel() });
    frames = [phone];
    await phone.until((s) => s.isOwner);
    await phone.call('incomingCall', { ...CALL, externalCallId: 'same-id' });
    phone.host.fail('CREATE_ENGAGEMENT_FAILED', 'could not log');
    await phone.until((s) => s.text.includes('could not log'));
    await phone.call('endCall');
    await phone.call('completeCall');
    await phone.until((s) => !s.text.includes('could not log'));
    await phone.call('incomingCall', { ...CALL, externalCallId: 'same-id' });
    await pause(100);
    expect((await phone.inspect()).text).to.not.contain('could not log');
  });
});
