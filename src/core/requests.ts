import type { Outbound } from './call-machine.js';
import { SoftphoneError } from './errors.js';
import { readObjectCoordinates } from './host-events.js';

/** Validated messages that are not call transitions. They throw before anything is sent. */
export function navigateRequest(objectCoordinates: unknown, openIn: unknown, engagementId?: number): Outbound {
  const coordinates = readObjectCoordinates(objectCoordinates);
  if (!coordinates) {
    throw new SoftphoneError(
      'INVALID_ARGUMENT',
      'navigateToRecord() needs { portalId, objectId, objectTypeId } as in a caller-ID match.',
    );
  }
  if (openIn !== undefined && openIn !== 'CURRENT_TAB' && openIn !== 'NEW_TAB') {
    throw new SoftphoneError('INVALID_ARGUMENT', 'openIn must be CURRENT_TAB, NEW_TAB or left out.');
  }
  return {
    type: 'NAVIGATE_TO_RECORD',
    data: { objectCoordinates: coordinates, ...(openIn ? { openIn } : {}), ...(engagementId ? { engagementId } : {}) },
  };
}

export function errorReport(message: unknown): Outbound {
  if (typeof message !== 'string' || !message.trim()) {
    throw new SoftphoneError('INVALID_ARGUMENT', 'reportError() needs a message to show.');
  }
  return { type: 'ERROR', data: { message: message.trim().slice(0, 1000) } };
}
