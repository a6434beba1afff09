import { expect } from '@open-wc/testing';
import {
  readCallerIdMatches, readEngagementId, readFailureMessage, readHostContext, readVisibility,
} from '../../src/core/host-events.js';

const coordinates = { portalId: 1, objectId: 2, objectTypeId: '0-1' };

describe('host event readers', () => {
  it('reads the SYNC context and drops unknown or mistyped fields', () => {
    expect(readHostContext({ portalId: 1, userId: 2, ownerId: '3', engagementId: -4, iframeLocation: 'window', usesCallingWindow: true, hostUrl: 'https://app.hubspot.com', extra: 1 }))
      .to.deep.equal({ portalId: 1, userId: 2, iframeLocation: 'window', usesCallingWindow: true, hostUrl: 'https://app.hubspot.com' });
    expect(readHostContext({ iframeLocation: 'elsewhere' })).to.deep.equal({});
    expect(readHostContext(null)).to.deep.equal({});
  });

  const engagementIds: [unknown, number | null][] = [
    [{ engagementId: 5 }, 5], [{ engagementId: '5' }, null], [{ engagementId: 0 }, null], [{ engagementId: 1.5 }, null], [{}, null], [null, null], ['x', null],
  ];
  for (const [data, id] of engagementIds) it(`engagementId of ${JSON.stringify(data)} is ${id}`, () => expect(readEngagementId(data)).to.equal(id));

  it('keeps every valid contact and company match in order, skipping broken ones', () => {
    const matches = readCallerIdMatches({
      callerIdMatches: [
        { callerIdType: 'CONTACT', objectCoordinates: coordinates, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
        { callerIdType: 'COMPANY', objectCoordinates: { ...coordinates, objectTypeId: '0-2' }, name: 'Acme' },
        { callerIdType: 'CONTACT', objectCoordinates: { portalId: 1 } },
        { callerIdType: 'ROBOT', objectCoordinates: coordinates },
        'nonsense',
        { callerIdType: 'CONTACT', objectCoordinates: coordinates, firstName: 7 },
      ],
    });
    expect(matches).to.deep.equal([
      { callerIdType: 'CONTACT', objectCoordinates: coordinates, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
      { callerIdType: 'COMPANY', objectCoordinates: { ...coordinates, objectTypeId: '0-2' }, name: 'Acme' },
      { callerIdType: 'CONTACT', objectCoordinates: coordinates, firstName: '', lastName: '', email: '' },
    ]);
  });

  it('bounds huge match lists and long names', () => {
    const many = Array.from({ length: 500 }, () => ({ callerIdType: 'COMPANY', objectCoordinates: coordinates, name: 'x'.repeat(100_000) }));
    const matches = readCallerIdMatches({ callerIdMatches: many })!;
    expect(matches.length).to.equal(50);
    expect((matches[0] as { name: string }).name.length).to.equal(256);
  });

  it('returns null when there is no match list', () => {
    expect(readCallerIdMatches({})).to.equal(null);
    expect(readCallerIdMatches({ callerIdMatches: 'x' })).to.equal(null);
  });

  it('reads visibility as booleans', () => {
    expect(readVisibility({ isMinimized: true, isHidden: 'yes' })).to.deep.equal({ isMinimized: true, isHidden: false });
    expect(readVisibility(1)).to.equal(null);
  });

  it('takes HubSpot’s failure message or the fallback', () => {
    expect(readFailureMessage({ error: { message: 'No access' } }, 'fallback')).to.equal('No access');
    expect(readFailureMessage({ error: { message: 3 } }, 'fallback')).to.equal('fallback');
    expect(readFailureMessage(null, 'fallback')).to.equal('fallback');
  });
});
