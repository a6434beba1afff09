/**
 * `hubspot-softphone`: importing this module registers `<hubspot-softphone>`.
 * Safe to import in Node (SSR): registration waits for a browser.
 * The CDN build exposes these exports as `window.HubSpotSoftphone`.
 */
import type { SoftphoneEventMap } from './element/events.js';
import { HubSpotSoftphone } from './element/hubspot-softphone.js';

export const TAG_NAME = 'hubspot-softphone';

if (globalThis.customElements && !customElements.get(TAG_NAME)) customElements.define(TAG_NAME, HubSpotSoftphone);

declare global {
  interface HTMLElementTagNameMap {
    'hubspot-softphone': HubSpotSoftphone;
  }
  interface HTMLElementEventMap extends SoftphoneEventMap {}
}

export { HubSpotSoftphone };
export type { NavigateOn, Theme } from './element/hubspot-softphone.js';
export type { SoftphoneEventMap, SoftphoneEventName, SoftphoneErrorDetail, CallDetail, HostPayload } from './element/events.js';
export { SoftphoneError, type SoftphoneErrorCode } from './core/errors.js';
export { formatPhoneNumber } from './core/phone-number.js';
export { EN_STRINGS, type SoftphoneStrings } from './core/strings.js';
export { END_STATUSES, type EngagementProperties, type StartCall } from './core/call-machine.js';
export type * from './core/types.js';
export type { Diagnosis } from './extras/diagnose.js';
