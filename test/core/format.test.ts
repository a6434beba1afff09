import { expect } from '@open-wc/testing';
import { callElapsed, formatDuration, matchName } from '../../src/core/format.js';
import { formatPhoneNumber, requireE164 } from '../../src/core/phone-number.js';
import type { CallSnapshot } from '../../src/core/types.js';

describe('formatting', () => {
  const durations: [number, string][] = [[0, '0:00'], [999, '0:00'], [61_000, '1:01'], [3_599_000, '59:59'], [3_600_000, '1:00:00'], [3_725_000, '1:02:05'], [-5, '0:00']];
  for (const [ms, text] of durations) it(`${ms} ms reads ${text}`, () => expect(formatDuration(ms)).to.equal(text));

  const numbers: [string, string][] = [['+15551234567', '+1 555-123-4567'], ['+442079460958', '+442079460958'], ['+1555', '+1555']];
  for (const [number, text] of numbers) it(`${number} displays as ${text}`, () => expect(formatPhoneNumber(number)).to.equal(text));

  it('names contacts, falling back to email, and companies', () => {
    const c = { portalId: 1, objectId: 1, objectTypeId: '0-1' };
    expect(matchName({ callerIdType: 'CONTACT', objectCoordinates: c, firstName: 'Ada', lastName: '', email: 'a@x' })).to.equal('Ada');
    expect(matchName({ callerIdType: 'CONTACT', objectCoordinates: c, firstName: '', lastName: '', email: 'a@x' })).to.equal('a@x');
    expect(matchName({ callerIdType: 'COMPANY', objectCoordinates: c, name: 'Acme' })).to.equal('Acme');
  });

  it('times ringing from the start and talking from the answer', () => {
    const call = { startedAt: 1000, answeredAt: 4000 } as CallSnapshot;
    expect(callElapsed({ ...call, answeredAt: undefined }, 6000)).to.equal(5000);
    expect(callElapsed(call, 6000)).to.equal(2000);
    expect(callElapsed({ ...call, endedAt: 5000 }, 9000)).to.equal(1000);
  });

  it('accepts E.164 after trimming only', () => {
    expect(requireE164(' +15551234567\n', 'n')).to.equal('+15551234567');
    expect(() => requireE164('+1 555 123 4567', 'n')).to.throw(/E\.164/);
    expect(() => requireE164('+0123', 'n')).to.throw(/E\.164/);
  });
});
