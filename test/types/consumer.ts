/**
 * Compiled (never run) against the published types in dist/: a vendor's code must
 * type-check, and misuse must not. Lines marked @ts-expect-error fail the build if they compile.
 */
import 'hubspot-softphone';
import { SoftphoneError, type CallSnapshot, type HubSpotSoftphone } from 'hubspot-softphone';

const phone = document.querySelector('hubspot-softphone')!;
const typed: HubSpotSoftphone = phone;

phone.addEventListener('softphone-dial-number', (e) => {
  const call: CallSnapshot = phone.outgoingCall({ toNumber: e.detail.phoneNumber });
  call.externalCallId.toUpperCase();
});
phone.addEventListener('softphone-answer', (e) => {
  e.preventDefault();
  const status: 'ringing' | 'dialing' | 'connected' | 'ended' = e.detail.call.status;
  void status;
});
phone.addEventListener('softphone-call-change', (e) => e.detail.previous?.endStatus);
phone.addEventListener('softphone-call-change', (e) => {
  // A call that came back after a reload, a re-render or an ownership move.
  const restored: boolean = e.detail.restored;
  if (restored && e.detail.call?.status === 'connected') void e.detail.call.answeredAt;
});
phone.addEventListener('softphone-ownership-change', (e) => {
  const owner: boolean = e.detail.isOwner && phone.isOwner;
  void owner;
});
phone.addEventListener('softphone-error', (e) => {
  const code: string = e.detail.code;
  void code;
});
phone.loggedIn = true;
phone.navigateOn = 'match';
phone.strings = { answer: 'Pick up' };
phone.formatPhoneNumber = (n) => n;
try {
  phone.endCall('BUSY');
} catch (error) {
  if (error instanceof SoftphoneError) void error.code;
}

// @ts-expect-error: phoneNumber is a string
phone.addEventListener('softphone-dial-number', (e) => e.detail.phoneNumber.toFixed());
// @ts-expect-error: not an end status
phone.endCall('HUNG_UP');
// @ts-expect-error: toNumber is required
phone.outgoingCall({ fromNumber: '+15551230001' });
// @ts-expect-error: navigateOn takes none, match or answer
phone.navigateOn = 'always';
// @ts-expect-error: isOwner is the election's answer, not a setting
phone.isOwner = true;
// @ts-expect-error: ownership's detail is { isOwner }
phone.addEventListener('softphone-ownership-change', (e) => e.detail.owner);
void typed;
