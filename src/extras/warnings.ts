/**
 * The console's words for each misconfiguration the element notices. They load the first time
 * one happens, so a page set up right never fetches them (src/session/warn.ts).
 */
const EXPECTED: Record<string, string> = {
  width: 'a width in px',
  height: 'a height in px',
  'ring-timeout': 'a number of seconds (0: ring until answered)',
  'sync-timeout': 'a number of milliseconds',
  'navigate-on': 'none, match or answer',
  theme: 'light, dark or auto',
};

export const WARNINGS = {
  twoElements: () => 'Two elements on one page share one HubSpot connection; only the newest gets events. Remove one.',
  lateChannel: () => 'A channel set after the handshake takes effect at the next reload.',
  allowsAll: () => 'allowed-origins="*" lets any site drive this softphone: for local testing only.',
  notAnOrigin: (entry: string) =>
    `allowed-origins: "${entry}" is not an origin (scheme://host[:port], with * only in the first host label), so it allows nothing. Fix or remove it.`,
  refusedHost: (origin: string, allowed: string) =>
    `The page around this frame, ${origin}, is not in allowed-origins, so the softphone ignores it. If it is yours, allow it: allowed-origins="${`${allowed} ${origin}`.trim()}"`,
  badAttribute: (attribute: string, value: string, fallback: string) =>
    `${attribute}="${value}" is not ${EXPECTED[attribute] ?? 'valid'}: using ${fallback}.`,
};

export type WarningKind = keyof typeof WARNINGS;
