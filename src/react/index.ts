/**
 * `hubspot-softphone/react`: `<HubSpotSoftphone>`, a React component for `<hubspot-softphone>`
 * made with `@lit/react`. Every element property is a prop (set as a property, not an
 * attribute), and every `softphone-*` event is an `on…` prop with its `CustomEvent` type:
 * `softphone-dial-number` is `onDialNumber`, `softphone-call-change` is `onCallChange`, and so on.
 *
 * ```tsx
 * import { HubSpotSoftphone } from 'hubspot-softphone/react';
 *
 * <HubSpotSoftphone ref={phone} loggedIn width={400} height={600}
 *   onDialNumber={(e) => phone.current?.outgoingCall({ toNumber: e.detail.phoneNumber })} />
 * ```
 *
 * Importing this module registers the element (it imports the package's main entry).
 * Peer dependencies: `react` 19 and `@lit/react`.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { HubSpotSoftphone as HubSpotSoftphoneElement, TAG_NAME } from '../index.js';
import type { SoftphoneEventMap, SoftphoneEventName } from '../element/events.js';

/** `dial-number` -> `DialNumber`. */
type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

/** The React prop for an event: `softphone-dial-number` -> `onDialNumber`. */
export type SoftphoneEventProp<K extends SoftphoneEventName> = K extends `softphone-${infer Rest}` ? `on${PascalCase<Rest>}` : never;

/** Each event's prop name, mapped to the event name branded with the event's type for `@lit/react`. */
export type SoftphoneReactEvents = {
  [K in SoftphoneEventName as SoftphoneEventProp<K>]: K & EventName<SoftphoneEventMap[K]>;
};

/**
 * Prop name -> event name, for every event the element fires. The `satisfies` clause makes the
 * compiler reject a missing, misspelt or extra entry whenever `SoftphoneEventMap` changes.
 */
export const SOFTPHONE_REACT_EVENTS = {
  onReady: 'softphone-ready',
  onDialNumber: 'softphone-dial-number',
  onAvailabilityChange: 'softphone-availability-change',
  onAnswer: 'softphone-answer',
  onDecline: 'softphone-decline',
  onHangup: 'softphone-hangup',
  onComplete: 'softphone-complete',
  onEndCallRequest: 'softphone-end-call-request',
  onCallerId: 'softphone-caller-id',
  onEngagement: 'softphone-engagement',
  onFinalized: 'softphone-finalized',
  onCallIdInitiated: 'softphone-call-id-initiated',
  onCallState: 'softphone-call-state',
  onNavigate: 'softphone-navigate',
  onVisibilityChange: 'softphone-visibility-change',
  onCallChange: 'softphone-call-change',
  onError: 'softphone-error',
  onOwnershipChange: 'softphone-ownership-change',
  onDial: 'softphone-dial',
  onMuteChange: 'softphone-mute-change',
  onHoldChange: 'softphone-hold-change',
  onRecordChange: 'softphone-record-change',
  onDtmf: 'softphone-dtmf',
  onTransferRequest: 'softphone-transfer-request',
} as const satisfies { [K in SoftphoneEventName as SoftphoneEventProp<K>]: K } as SoftphoneReactEvents;

/** `<hubspot-softphone>` as a React component; its `ref` is the element (`HubSpotSoftphoneElement`). */
export const HubSpotSoftphone = createComponent({
  react: React,
  tagName: TAG_NAME,
  elementClass: HubSpotSoftphoneElement,
  events: SOFTPHONE_REACT_EVENTS,
  displayName: 'HubSpotSoftphone',
});

/** The props `<HubSpotSoftphone>` takes. */
export type HubSpotSoftphoneProps = React.ComponentProps<typeof HubSpotSoftphone>;

export type { HubSpotSoftphoneElement };
export type { SoftphoneEventMap, SoftphoneEventName } from '../element/events.js';
