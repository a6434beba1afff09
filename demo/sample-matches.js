/**
 * HubSpot's caller-ID answer for the sample caller: a contact and her company. Shared by the
 * benchmark's host page (in the browser) and the screenshot script (in Node).
 */
export const SAMPLE_MATCHES = [
  {
    callerIdType: 'CONTACT',
    objectCoordinates: { portalId: 2450012, objectTypeId: '0-1', objectId: 1001 },
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@analytical-engines.example',
  },
  {
    callerIdType: 'COMPANY',
    objectCoordinates: { portalId: 2450012, objectTypeId: '0-2', objectId: 2002 },
    name: 'Analytical Engines Ltd',
  },
];
