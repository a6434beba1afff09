import type { HostContext } from './types.js';

/**
 * Who may talk to HubSpot about calls. With HubSpot's calling window, each HubSpot tab's
 * `remote` frame only mirrors the `window` frame; otherwise every instance is a candidate
 * and the instances of one user elect one owner (Web Locks).
 */
export type Role = 'candidate' | 'mirror';

export function roleFor(context: HostContext): Role {
  return context.usesCallingWindow === true && context.iframeLocation === 'remote' ? 'mirror' : 'candidate';
}

/** Instances only sync with those of the same HubSpot portal and user: one browser may have two portals open. */
export function syncScope(context: HostContext): string {
  return `${context.portalId ?? ''}:${context.userId ?? ''}`;
}

/** The page HubSpot's own demos open for the calling window. */
export function callingWindowUrl(context: HostContext): string | null {
  return context.hostUrl && context.portalId ? `${context.hostUrl}/calling-integration-popup-ui/${context.portalId}` : null;
}

/** The Web Lock the owner holds for its life: one per softphone channel and HubSpot user. */
export const syncLockName = (channel: string, scope: string): string => `hubspot-softphone:${channel}:${scope}`;
