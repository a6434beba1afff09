/**
 * The vendor's page inside HubSpot's calling widget: <hubspot-softphone> from the CDN script
 * with its built-in dialpad, in-call controls and call outcome, the vendor's own sign-in in its
 * slot, and a fake telephony panel standing in for WebRTC/SIP. Plain script, no framework, no build.
 *
 * This file runs before the CDN script so `allowed-origins` is in place when the element
 * connects; anything that needs the element's methods runs on a user action, after upgrade.
 */
(() => {
  'use strict';

  const phone = document.querySelector('hubspot-softphone');
  const $ = (id) => document.getElementById(id);

  /** The vendor's own line: inbound calls ring it, outbound calls show it. */
  const OUR_LINE = '+16175550111';
  const KNOWN_CALLER = '+16175550134';

  // The numbers the user may call from (the help-desk webhook's shape) and HubSpot's default call
  // outcomes (a real app lists the portal's own: GET /calling/v1/dispositions). Set before the
  // element upgrades: it picks them up.
  phone.fromNumbers = [
    { e164PhoneNumber: OUR_LINE, friendlyName: 'Nimbus main line' },
    { e164PhoneNumber: '+16175550112', friendlyName: 'Nimbus support' },
  ];
  phone.outcomes = [
    { id: 'f240bbac-87c9-4f6e-bf70-924b57d47db7', label: 'Connected' },
    { id: 'a4c4c377-d246-4b32-a13b-75a56a4cd0ff', label: 'Left live message' },
    { id: 'b2cf5968-551e-4856-9783-52b3da59a7d0', label: 'Left voicemail' },
    { id: '73a0d17f-1163-4015-bdd5-ec830791da20', label: 'No answer' },
    { id: '9d9162e7-6cf3-4944-bf63-4dff82258764', label: 'Busy' },
    { id: '17b47fee-58de-441e-a44c-c6300d46f273', label: 'Wrong number' },
  ];

  /* ------------------------------------------------------------ who may talk to the element */

  function hostOrigin() {
    const raw = new URLSearchParams(location.search).get('host');
    if (!raw) return null;
    try {
      const { origin, protocol } = new URL(raw);
      return protocol === 'http:' || protocol === 'https:' ? origin : null;
    } catch {
      return null;
    }
  }

  const origin = hostOrigin();
  // Without ?host= the element keeps its default (HubSpot's own origins).
  if (origin) phone.setAttribute('allowed-origins', origin);
  if (window.parent === window) $('standalone').hidden = false;

  // Frames that show one call sync over BroadcastChannel(`channel`); the simulator gives each
  // of its multi-frame layouts a channel of its own.
  const channel = new URLSearchParams(location.search).get('channel');
  if (channel && /^[\w-]{1,64}$/.test(channel)) phone.setAttribute('channel', channel);

  /* ------------------------------------------------------------ the page's event log */

  const eventList = $('events');
  const clock = () => new Date().toLocaleTimeString([], { hour12: false });

  function logLine(kind, name, text) {
    const item = document.createElement('li');
    if (kind === 'telephony') item.className = 'telephony-line';
    const time = document.createElement('time');
    time.textContent = clock();
    const label = document.createElement('b');
    label.textContent = name;
    item.append(time, label, text ? ` ${text}` : '');
    eventList.append(item);
    while (eventList.children.length > 200) eventList.firstElementChild.remove();
    eventList.scrollTop = eventList.scrollHeight;
    $('event-count').textContent = String(eventList.children.length);
  }

  const telephony = (what) => logLine('telephony', 'telephony:', what);

  const matchName = (m) => (m.callerIdType === 'COMPANY' ? m.name : `${m.firstName} ${m.lastName}`.trim() || m.email);

  const DESCRIBE = {
    'softphone-ready': (d) => [d.iframeLocation, d.portalId && `portal ${d.portalId}`, d.engagementId && `engagement ${d.engagementId}`].filter(Boolean).join(' · '),
    'softphone-dial-number': (d) => d.phoneNumber,
    'softphone-availability-change': (d) => (d.available ? 'available' : 'unavailable'),
    'softphone-answer': (d) => d.call.fromNumber,
    'softphone-decline': (d) => d.call.fromNumber,
    'softphone-hangup': (d) => d.call.status,
    'softphone-end-call-request': () => 'HubSpot asked to end the call',
    'softphone-caller-id': (d) => d.matches.map(matchName).join(', ') || 'no match',
    'softphone-engagement': (d) => `engagement ${d.engagementId}`,
    'softphone-navigate': (d) => `${d.objectCoordinates.objectTypeId} / ${d.objectCoordinates.objectId}`,
    'softphone-visibility-change': (d) => (d.isHidden ? 'hidden' : d.isMinimized ? 'minimized' : 'open'),
    'softphone-call-change': (d) => {
      const status = (call) => (call ? call.status + (call.endStatus ? ` (${call.endStatus})` : '') : 'idle');
      return `${status(d.previous)} → ${status(d.call)}${d.restored ? ' (restored)' : ''}`;
    },
    'softphone-ownership-change': (d) => (d.isOwner ? 'this frame owns the call: the telephony runs here' : 'another frame owns the call'),
    'softphone-error': (d) => `${d.code}: ${d.message}`,
    'softphone-dial': (d) => `${d.toNumber}${d.fromNumber ? ` from ${d.fromNumber}` : ''}`,
    'softphone-mute-change': (d) => (d.muted ? 'mute' : 'unmute'),
    'softphone-hold-change': (d) => (d.held ? 'hold' : 'resume'),
    'softphone-record-change': (d) => (d.recording ? 'record' : 'stop recording'),
    'softphone-dtmf': (d) => d.digit,
    'softphone-transfer-request': () => 'transfer',
  };

  for (const [name, describe] of Object.entries(DESCRIBE)) {
    phone.addEventListener(name, (event) => {
      let text = '';
      try {
        text = describe(event.detail ?? {});
      } catch {
        text = JSON.stringify(event.detail);
      }
      logLine('event', name.replace('softphone-', ''), text);
    });
  }

  /* ------------------------------------------------------------ where the telephony runs */

  // One call can show in several frames (HubSpot's calling window and a remote frame in each
  // HubSpot tab, or one widget per tab). Only the owner talks to HubSpot about calls, so only
  // there does the telephony run; the others mirror it and hand clicks to it. Before the
  // handshake nobody knows yet: the element keeps what the page does and delivers it.
  const runsTelephony = () => !phone.ready || phone.isOwner === true;

  /** The number this page's telephony is placing (from softphone-dial), to tell it from a call another frame's page started. */
  let dialled = null;

  // For the simulator's frame labels only (a real calling page does not need this): which
  // frame owns the call. Sent to the origin named by ?host=, never to '*'.
  const REPORT = { source: 'nimbus-voice-demo', v: 1 };
  function reportOwnership() {
    if (origin && window.parent !== window) window.parent.postMessage({ ...REPORT, kind: 'ownership', isOwner: phone.isOwner === true }, origin);
    updateTelephony();
  }
  // The owner hears `softphone-ownership-change`; nothing says "you mirror", so the report at
  // `softphone-ready` (isOwner still false) stands for a frame that never becomes the owner.
  phone.addEventListener('softphone-ready', reportOwnership);
  phone.addEventListener('softphone-ownership-change', reportOwnership);

  /* ------------------------------------------------------------ what the element tells the vendor */

  phone.addEventListener('softphone-ready', () => setLink('ready', 'Connected to HubSpot'));
  phone.addEventListener('softphone-error', (event) => {
    if (event.detail.code === 'SYNC_TIMEOUT') setLink('error', 'no HubSpot');
  });

  // The dialpad's Call, and HubSpot's click-to-call (the dialpad dials it, or with dial-confirm
  // fills it in): it fires where the telephony runs, which places the call. The element then
  // shows it and tells HubSpot (its default action: outgoingCall()).
  phone.addEventListener('softphone-dial', (event) => {
    const { toNumber, fromNumber } = event.detail;
    dialled = toNumber;
    telephony(`INVITE ${toNumber} from ${fromNumber}`);
  });

  // The built-in controls ask the telephony; their default action shows the new state.
  phone.addEventListener('softphone-mute-change', (event) => telephony(event.detail.muted ? 'microphone off' : 'microphone on'));
  phone.addEventListener('softphone-hold-change', (event) => telephony(event.detail.held ? 're-INVITE: hold' : 're-INVITE: resume'));
  phone.addEventListener('softphone-dtmf', (event) => telephony(`DTMF ${event.detail.digit}`));
  phone.addEventListener('softphone-transfer-request', () => telephony('REFER: blind transfer (demo)'));
  // Recording: the telephony says where the file will be, so Done logs it (hs_call_recording_url).
  phone.addEventListener('softphone-record-change', (event) => {
    event.preventDefault();
    const { recording, call } = event.detail;
    telephony(recording ? 'recording started' : 'recording stopped');
    phone.setRecording(recording, `https://recordings.nimbus.example/${encodeURIComponent(call.externalCallId)}.mp3`);
  });

  phone.addEventListener('softphone-answer', () => telephony('accept'));
  phone.addEventListener('softphone-decline', () => telephony('reject'));
  phone.addEventListener('softphone-hangup', () => telephony('bye'));
  phone.addEventListener('softphone-end-call-request', () => telephony('bye (HubSpot ended the call)'));

  phone.addEventListener('softphone-call-change', (event) => {
    const { call, previous, restored } = event.detail;
    const fresh = call && call.externalCallId !== previous?.externalCallId;
    // Another frame's page called outgoingCall() there; the element carried it out here, so this
    // page's telephony places the call. (A restored call is already up; a dialpad call was placed above.)
    if (fresh && !restored && phone.isOwner && call.status === 'dialing' && call.toNumber !== dialled) telephony(`INVITE ${call.toNumber} (asked by another frame)`);
    if (fresh) dialled = null;
    updateTelephony();
  });

  function setLink(state, text) {
    const el = $('link-state');
    el.dataset.state = state;
    el.textContent = text;
  }

  /* ------------------------------------------------------------ the vendor's own UI in the slots */

  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    phone.loggedIn = true;
    telephony('registered');
    updateTelephony();
  });

  /* ------------------------------------------------------------ fake telephony */

  const randomCaller = () => `+161755501${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;

  function attempt(what, action) {
    try {
      action();
    } catch (error) {
      logLine('event', 'error', `${what}: ${error.message}`);
    }
    updateTelephony();
  }

  function ring(fromNumber) {
    attempt('ring', () => {
      phone.incomingCall({ fromNumber, toNumber: OUR_LINE });
      telephony(`INVITE from ${fromNumber}`);
    });
  }

  $('ring-me').addEventListener('click', () => ring(randomCaller()));
  $('ring-known').addEventListener('click', () => ring(KNOWN_CALLER));
  $('callee-answers').addEventListener('click', () =>
    attempt('answer', () => {
      phone.answerCall();
      telephony('200 OK: callee answered');
    }),
  );
  $('remote-hangs-up').addEventListener('click', () =>
    attempt('hang up', () => {
      phone.endCall();
      telephony('BYE from the other side');
    }),
  );
  $('busy').addEventListener('click', () =>
    attempt('busy', () => {
      phone.endCall('BUSY');
      telephony('486 busy');
    }),
  );
  $('no-answer').addEventListener('click', () =>
    attempt('no answer', () => {
      phone.endCall('NO_ANSWER');
      telephony('480 no answer');
    }),
  );
  $('sign-out').addEventListener('click', () => {
    phone.loggedIn = !phone.loggedIn;
    telephony(phone.loggedIn ? 'registered' : 'unregistered');
    updateTelephony();
  });
  $('report-error').addEventListener('click', () =>
    attempt('report error', () => phone.reportError('Nimbus Voice: the SIP trunk is unreachable (demo error).')),
  );

  /** Only what the telephony could do now is shown, and only in the frame that owns the call. */
  function updateTelephony() {
    const call = phone.call ?? null;
    const status = call?.status;
    const active = !!call && status !== 'ended';
    const signedIn = !!phone.loggedIn;
    const here = runsTelephony();
    const show = (id, visible) => {
      $(id).hidden = !(here && visible);
      $(id).disabled = !(here && visible);
    };
    $('telephony-elsewhere').hidden = here;
    if (!here) {
      $('telephony-elsewhere').textContent =
        phone.hostContext?.iframeLocation === 'remote'
          ? 'Runs in HubSpot’s calling window, which owns the call; what you click here is carried out there.'
          : 'Runs in the HubSpot tab that owns the call; what you click here is carried out there.';
    }
    show('ring-me', signedIn && !active);
    show('ring-known', signedIn && !active);
    show('callee-answers', status === 'dialing');
    show('busy', status === 'dialing');
    show('no-answer', status === 'dialing');
    // Before an answer the far end is busy or does not answer; after, it can hang up.
    show('remote-hangs-up', status === 'ringing' || status === 'connected');
    show('sign-out', !active);
    show('report-error', status !== 'dialing');
    $('sign-out').textContent = signedIn ? 'Sign out' : 'Sign in';
  }

  /* ------------------------------------------------------------ settings, ringtone, diagnose() */

  $('lang').addEventListener('change', (e) => phone.setAttribute('lang', e.target.value));
  for (const id of ['dial-confirm', 'outcome-required']) $(id).addEventListener('change', (e) => phone.toggleAttribute(id, e.target.checked));

  /** Two short beeps and a pause, made here so the demo needs no audio file. */
  function ringtoneUrl() {
    const rate = 8000;
    const samples = new Uint8Array(rate * 2);
    for (let i = 0; i < samples.length; i++) {
      const t = i / rate;
      const on = t % 0.5 < 0.3 && t < 1;
      samples[i] = 128 + (on ? Math.round(40 * Math.sin(2 * Math.PI * 440 * t)) : 0);
    }
    const header = new DataView(new ArrayBuffer(44));
    const text = (at, value) => [...value].forEach((c, i) => header.setUint8(at + i, c.charCodeAt(0)));
    text(0, 'RIFF');
    header.setUint32(4, 36 + samples.length, true);
    text(8, 'WAVEfmt ');
    header.setUint32(16, 16, true);
    header.setUint16(20, 1, true);
    header.setUint16(22, 1, true);
    header.setUint32(24, rate, true);
    header.setUint32(28, rate, true);
    header.setUint16(32, 1, true);
    header.setUint16(34, 8, true);
    text(36, 'data');
    header.setUint32(40, samples.length, true);
    return URL.createObjectURL(new Blob([header, samples], { type: 'audio/wav' }));
  }
  const ringtoneFile = ringtoneUrl();
  const setRingtone = () => ($('ringtone-on').checked ? phone.setAttribute('ringtone', ringtoneFile) : phone.removeAttribute('ringtone'));
  $('ringtone-on').addEventListener('change', setRingtone);
  setRingtone();

  $('diagnose').addEventListener('click', async () => {
    const dialog = $('diagnosis-dialog');
    $('diagnosis').textContent = 'Gathering…';
    dialog.showModal();
    try {
      $('diagnosis').textContent = (await phone.diagnose()).text;
    } catch (error) {
      $('diagnosis').textContent = `diagnose() failed: ${error.message}`;
    }
  });
  $('copy-diagnosis').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('diagnosis').textContent);
      $('copy-status').textContent = 'Copied.';
    } catch {
      // HubSpot's frame is not allowed the clipboard: select the text for the user's own copy.
      getSelection().selectAllChildren($('diagnosis'));
      $('copy-status').textContent = 'Selected: press Ctrl+C (⌘C on a Mac).';
    }
    setTimeout(() => ($('copy-status').textContent = ''), 4000);
  });
  $('close-diagnosis').addEventListener('click', () => $('diagnosis-dialog').close());

  customElements.whenDefined('hubspot-softphone').then(updateTelephony);
  updateTelephony();
})();
