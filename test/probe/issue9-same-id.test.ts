/**
 * Issue 9 probes: a start call with the current call's externalCallId, in the owner and in a
 * calling window's remote (which predicts the owner's answer).
 */
import { expect } from '@open-wc/testing';
import type { Softphone } from '../protocol/harness.js';
import { CALL, callTypes, openWindowAndRemotes, pause } from './probe-harness.js';

describe('issue9: the current call’s externalCallId for another call', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  for (const where of ['window', 'remote'] as const) {
    it(`throws INVALID_STATE in the ${where} for other numbers or direction, and tells HubSpot nothing more`, async () => {
      frames = await openWindowAndRemotes(1);
      const [win, remote] = frames as [Softphone, Softphone];
      const f = where === 'window' ? win : remote;
      const id = 'sip-42';
      await f.call('incomingCall', { ...CALL, externalCallId: id });
      await remote.until((s) => s.call?.externalCallId === id);
      const outcomes = await f.command({
        op: 'tryCalls',
        method: 'incomingCall',
        argLists: [[{ ...CALL, fromNumber: '+15551230009', externalCallId: id }], [{ ...CALL, toNumber: '+15551230009', externalCallId: id }], [{ ...CALL, externalCallId: id }], [{ fromNumber: ` ${CALL.fromNumber} `, toNumber: `${CALL.toNumber} `, externalCallId: id }]],
      });
      expect(outcomes).to.deep.equal(['SoftphoneError:INVALID_STATE', 'SoftphoneError:INVALID_STATE', 'ok', 'ok']);
      const out = await f.command({ op: 'tryCalls', method: 'outgoingCall', argLists: [[{ toNumber: CALL.toNumber, externalCallId: id }], [{ ...CALL, externalCallId: id }]] });
      expect(out).to.deep.equal(['SoftphoneError:INVALID_STATE', 'SoftphoneError:INVALID_STATE']);
      await win.call('endCall');
      await remote.until((s) => s.call?.status === 'ended');
      // Ended but not completed: still the current call's id.
      const ended = await f.command({ op: 'tryCalls', method: 'outgoingCall', argLists: [[{ toNumber: CALL.toNumber, externalCallId: id }]] });
      expect(ended).to.deep.equal(['SoftphoneError:INVALID_STATE']);
      await pause(200);
      expect(callTypes(win)).to.deep.equal(['INCOMING_CALL', 'CALL_ENDED']);
      expect(win.eventsOf('softphone-error')).to.deep.equal([]);
      expect((await win.inspect()).call).to.include({ externalCallId: id, direction: 'INBOUND', fromNumber: CALL.fromNumber, status: 'ended' });
    });
  }
});
