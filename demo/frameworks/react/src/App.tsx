import { useRef, useState } from 'react';
import type { CallSnapshot, SoftphoneEventMap } from 'hubspot-softphone';
import { HubSpotSoftphone, type HubSpotSoftphoneElement } from 'hubspot-softphone/react';

/** This vendor's line, and the caller that "Ring me" pretends to be. */
const OUR_LINE = '+16175550111';
const TEST_CALLER = '+16175550134';

/** HubSpot's origin, from `?host=` (a test host page); without it the element keeps HubSpot's own origins. */
function hostOrigin(): string | undefined {
  const raw = new URLSearchParams(location.search).get('host');
  try {
    return raw ? new URL(raw).origin : undefined;
  } catch {
    return undefined;
  }
}

export function App() {
  const phone = useRef<HubSpotSoftphoneElement>(null);
  const [call, setCall] = useState<CallSnapshot | null>(null);
  const [events, setEvents] = useState<string[]>([]);
  const [problem, setProblem] = useState('');
  const seen = (event: Event, note = '') => setEvents((list) => [...list, note ? `${event.type}: ${note}` : event.type]);

  // Your telephony would ring here; this page just tells HubSpot.
  const ringMe = () => {
    try {
      phone.current?.incomingCall({ fromNumber: TEST_CALLER, toNumber: OUR_LINE });
    } catch (error) {
      setProblem(String(error));
    }
  };

  // A HubSpot user clicked a number: dial it (your telephony), and show it as an outgoing call.
  const dial = (event: SoftphoneEventMap['softphone-dial-number']) => {
    seen(event, event.detail.phoneNumber);
    try {
      phone.current?.outgoingCall({ toNumber: event.detail.phoneNumber, fromNumber: OUR_LINE });
    } catch (error) {
      phone.current?.reportError(`Cannot dial ${event.detail.phoneNumber}: ${String(error)}`);
    }
  };

  return (
    <main>
      <h1>Acme Phone: React 19</h1>
      <p>
        Call: <output id="status">{call ? call.status : 'idle'}</output>
      </p>
      <p>
        <button id="ring-me" type="button" onClick={ringMe}>
          Ring me
        </button>
      </p>
      {problem && <p id="problem" role="alert">{problem}</p>}
      <HubSpotSoftphone
        ref={phone}
        loggedIn
        width={400}
        height={600}
        // A dashed prop is not an element property: React 19 sets it as an attribute.
        allowed-origins={hostOrigin()}
        onReady={(e) => seen(e, `portal ${e.detail.portalId ?? '?'}`)}
        onDialNumber={dial}
        onAnswer={(e) => seen(e, e.detail.call.fromNumber)}
        onCallChange={(e) => {
          setCall(e.detail.call);
          seen(e, e.detail.call?.status ?? 'idle');
        }}
        onError={(e) => seen(e, `${e.detail.code}: ${e.detail.message}`)}
      />
      <h2>Events</h2>
      <ol id="events">
        {events.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ol>
    </main>
  );
}
