import { expect } from '@open-wc/testing';
import { ANSWER_TIMEOUT_MS, answersFor, expectAnswers, takeAnswer, type Awaiting } from '../../src/core/answers.js';
import type { Outbound } from '../../src/core/call-machine.js';

const T0 = 1_700_000_000_000;
const incoming = (id: string, createEngagement = true): Outbound => ({
  type: 'INCOMING_CALL',
  data: { externalCallId: id, fromNumber: '+15551230001', toNumber: '+15551230002', callStartTime: T0, createEngagement },
});
const outgoing = (id: string, createEngagement = true): Outbound => ({
  type: 'OUTGOING_CALL_STARTED',
  data: { externalCallId: id, phoneNumber: '+15551230002', toNumber: '+15551230002', callStartTime: T0, createEngagement },
});

describe('answers: which call a late answer from HubSpot is about', () => {
  it('knows what each message brings back', () => {
    const cases: [Outbound, string[]][] = [
      [incoming('a'), ['engagement', 'callerId']],
      [incoming('a', false), ['callerId']],
      [outgoing('b'), ['engagement']],
      [outgoing('b', false), []],
      [{ type: 'CALL_COMPLETED', data: { externalCallId: 'a', engagementId: 5, hideWidget: false, engagementProperties: {} } }, ['update']],
      [{ type: 'CALL_COMPLETED', data: { externalCallId: 'a', hideWidget: false, engagementProperties: {} } }, []],
      [{ type: 'FINALIZE_ENGAGEMENT', data: { externalCallId: 'a', engagementId: 5 } }, ['finalize']],
      [{ type: 'CALL_ANSWERED', data: { externalCallId: 'a' } }, []],
      [{ type: 'USER_AVAILABLE' }, []],
    ];
    for (const [message, kinds] of cases) expect(answersFor(message), message.type).to.deep.equal(kinds);
  });

  it('gives each kind of answer to the oldest call waiting for one, in order', () => {
    let list: Awaiting[] = expectAnswers([], incoming('a'), T0);
    list = expectAnswers(list, incoming('b'), T0 + 1);
    const first = takeAnswer(list, 'callerId', undefined, T0 + 2);
    expect(first.callId).to.equal('a');
    const second = takeAnswer(first.list, 'callerId', undefined, T0 + 3);
    expect(second.callId).to.equal('b');
    // Engagement answers are a queue of their own.
    expect(takeAnswer(second.list, 'engagement', undefined, T0 + 4).callId).to.equal('a');
    expect(takeAnswer(second.list, 'callerId', undefined, T0 + 4)).to.deep.include({ callId: null });
  });

  it('takes the call HubSpot names, out of order', () => {
    let list = expectAnswers(expectAnswers([], incoming('a'), T0), incoming('b'), T0);
    const named = takeAnswer(list, 'engagement', 'b', T0);
    expect(named.callId).to.equal('b');
    list = named.list;
    expect(takeAnswer(list, 'engagement', undefined, T0).callId).to.equal('a');
    // A call HubSpot names that nothing waits for is still the one it is about.
    expect(takeAnswer([], 'engagement', 'z', T0).callId).to.equal('z');
  });

  it('forgets a wait that got no answer, so one lost answer does not shift the rest', () => {
    let list = expectAnswers([], outgoing('lost'), T0);
    list = expectAnswers(list, outgoing('next'), T0 + ANSWER_TIMEOUT_MS - 1000);
    expect(takeAnswer(list, 'engagement', undefined, T0 + ANSWER_TIMEOUT_MS + 1).callId).to.equal('next');
    // Expired waits are dropped as new ones are added, so the list stays short.
    expect(expectAnswers(list, outgoing('later'), T0 + 3 * ANSWER_TIMEOUT_MS)).to.have.length(1);
  });
});
