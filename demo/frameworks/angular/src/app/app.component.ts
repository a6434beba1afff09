import { Component, CUSTOM_ELEMENTS_SCHEMA, ElementRef, signal, viewChild } from '@angular/core';
// Registers <hubspot-softphone>, and with it the element's events in HTMLElementEventMap,
// from which strict templates type each `(softphone-…)="…($event)"` below.
import 'hubspot-softphone';
import type { CallSnapshot, HubSpotSoftphone, SoftphoneEventMap } from 'hubspot-softphone';

/** This vendor's line, and the caller that "Ring me" pretends to be. */
const OUR_LINE = '+16175550111';
const TEST_CALLER = '+16175550134';

/** HubSpot's origin, from `?host=` (a test host page); without it the element keeps HubSpot's own origins. */
function hostOrigin(): string | null {
  const raw = new URLSearchParams(location.search).get('host');
  try {
    return raw ? new URL(raw).origin : null;
  } catch {
    return null;
  }
}

@Component({
  selector: 'app-root',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Acme Phone: Angular</h1>
      <p>Call: <output id="status">{{ call()?.status ?? 'idle' }}</output></p>
      <p><button id="ring-me" type="button" (click)="ringMe()">Ring me</button></p>
      @if (problem()) {
        <p id="problem" role="alert">{{ problem() }}</p>
      }
      <!-- logged-in and allowed-origins are attributes; [width] and [height] set properties. -->
      <hubspot-softphone
        #phone
        logged-in
        [width]="400"
        [height]="600"
        [attr.allowed-origins]="allowedOrigins"
        (softphone-ready)="seen($event, 'portal ' + ($event.detail.portalId ?? '?'))"
        (softphone-dial-number)="dial($event)"
        (softphone-answer)="seen($event, $event.detail.call.fromNumber)"
        (softphone-call-change)="callChanged($event)"
        (softphone-error)="seen($event, $event.detail.code + ': ' + $event.detail.message)"
      ></hubspot-softphone>
      <h2>Events</h2>
      <ol id="events">
        @for (line of events(); track $index) {
          <li>{{ line }}</li>
        }
      </ol>
    </main>
  `,
})
export class AppComponent {
  readonly phone = viewChild.required<ElementRef<HubSpotSoftphone>>('phone');
  readonly allowedOrigins = hostOrigin();
  readonly call = signal<CallSnapshot | null>(null);
  readonly events = signal<string[]>([]);
  readonly problem = signal('');

  seen(event: Event, note = ''): void {
    this.events.update((list) => [...list, note ? `${event.type}: ${note}` : event.type]);
  }

  /** Your telephony would ring here; this page just tells HubSpot. */
  ringMe(): void {
    try {
      this.phone().nativeElement.incomingCall({ fromNumber: TEST_CALLER, toNumber: OUR_LINE });
    } catch (error) {
      this.problem.set(String(error));
    }
  }

  /** A HubSpot user clicked a number: dial it (your telephony), and show it as an outgoing call. */
  dial(event: SoftphoneEventMap['softphone-dial-number']): void {
    this.seen(event, event.detail.phoneNumber);
    const phone = this.phone().nativeElement;
    try {
      phone.outgoingCall({ toNumber: event.detail.phoneNumber, fromNumber: OUR_LINE });
    } catch (error) {
      phone.reportError(`Cannot dial ${event.detail.phoneNumber}: ${String(error)}`);
    }
  }

  callChanged(event: SoftphoneEventMap['softphone-call-change']): void {
    this.call.set(event.detail.call);
    this.seen(event, event.detail.call?.status ?? 'idle');
  }
}
