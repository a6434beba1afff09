/**
 * The HubSpot side of the calling protocol, for trying the softphone without a HubSpot account.
 * `HubSpotHost` drives the SDK's own IFrameManager in host mode; this page adds the controls,
 * HubSpot's usual answers, a fake CRM and the message log. `?layout=window` and `?layout=tabs`
 * put several calling frames side by side (see LAYOUTS); `?app=<url>` loads the vendor's own
 * calling page in them instead of the demo softphone. Everything that came from the app is
 * rendered as text (textContent), never as HTML.
 */
import { HubSpotHost } from '/dist/host/hubspot-host.js';
import { APP_PARAM, parseAppUrl, withAppUrl } from './app-url.js';

const $ = (selector) => document.querySelector(selector);

/** Creates an element; children are nodes or strings (strings become text, never markup). */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  el.append(...children.flat(Infinity).filter((c) => c !== undefined && c !== null && c !== false));
  return el;
}

/* ---------------------------------------------------------------- the fake CRM */

const AUTO_RESPONSE_DELAY = 300;

function crm(portalId) {
  const at = (objectTypeId, objectId) => ({ portalId, objectTypeId, objectId });
  return {
    ada: {
      coordinates: at('0-1', 1001),
      kind: 'Contact',
      name: 'Ada Lovelace',
      subtitle: 'Head of Research at Analytical Engines Ltd',
      properties: [
        ['Email', 'ada@analytical-engines.example'],
        ['Phone number', '+16175550134'],
        ['Lifecycle stage', 'Customer'],
        ['Contact owner', 'Grace Hopper'],
      ],
      match: { callerIdType: 'CONTACT', objectCoordinates: at('0-1', 1001), firstName: 'Ada', lastName: 'Lovelace', email: 'ada@analytical-engines.example' },
    },
    engines: {
      coordinates: at('0-2', 2002),
      kind: 'Company',
      name: 'Analytical Engines Ltd',
      subtitle: 'Computer hardware · London',
      properties: [
        ['Domain', 'analytical-engines.example'],
        ['Phone number', '+16175550100'],
        ['Industry', 'Computer hardware'],
        ['Company owner', 'Grace Hopper'],
      ],
      match: { callerIdType: 'COMPANY', objectCoordinates: at('0-2', 2002), name: 'Analytical Engines Ltd' },
    },
    markup: {
      coordinates: at('0-1', 1003),
      kind: 'Contact',
      name: '<img src=x onerror=alert(1)>',
      subtitle: 'A name made of markup: it must show as text, everywhere',
      properties: [
        ['Email', 'markup@example.com'],
        ['Phone number', '+16175550199'],
        ['Lifecycle stage', 'Lead'],
      ],
      match: { callerIdType: 'CONTACT', objectCoordinates: at('0-1', 1003), firstName: '<img src=x onerror=alert(1)>', lastName: '', email: 'markup@example.com' },
    },
  };
}

const MATCH_PRESETS = {
  none: [],
  contact: ['ada'],
  'contact-company': ['ada', 'engines'],
  markup: ['markup'],
};

/* ---------------------------------------------------------------- layouts */

/**
 * What the page plays. `widget`: one HubSpot tab and its calling widget. `window`: HubSpot's
 * calling window, which owns the call, and a `remote` frame in each of two HubSpot tabs.
 * `tabs`: two HubSpot tabs with a widget each and no calling window, whose softphones elect
 * an owner. Every frame has its own HubSpotHost, as every HubSpot tab and the calling window
 * are separate pages; all frames of a layout share portal, user and the element's channel.
 */
const LAYOUTS = {
  widget: {
    frames: [{ id: 'widget', title: 'Calling', short: 'widget' }],
  },
  window: {
    usesCallingWindow: true,
    hint:
      'HubSpot’s calling window owns the call; the remote frame in each HubSpot tab mirrors it and hands clicks to it. ' +
      'Ring from the calling window’s fake telephony, answer in a tab, reload any frame mid-call, close the window.',
    frames: [
      { id: 'window', title: 'Calling window', short: 'window', iframeLocation: 'window' },
      { id: 'tab1', title: 'HubSpot tab 1', short: 'tab 1', iframeLocation: 'remote', tab: true },
      { id: 'tab2', title: 'HubSpot tab 2', short: 'tab 2', iframeLocation: 'remote', tab: true },
    ],
  },
  tabs: {
    usesCallingWindow: false,
    hint:
      'Two HubSpot tabs, each with its calling widget, no calling window: the softphones elect one owner (Web Locks) and the other mirrors it. ' +
      'Ring from the owner’s fake telephony, answer in the other tab, reload either mid-call; close the owner and the other takes over.',
    frames: [
      { id: 'tab1', title: 'HubSpot tab 1', short: 'tab 1', iframeLocation: 'widget', tab: true },
      { id: 'tab2', title: 'HubSpot tab 2', short: 'tab 2', iframeLocation: 'widget', tab: true },
    ],
  },
};

const params = new URLSearchParams(location.search);
const LAYOUT = Object.hasOwn(LAYOUTS, params.get('layout') ?? '') ? params.get('layout') : 'widget';
const layout = LAYOUTS[LAYOUT];
const multi = LAYOUT !== 'widget';

/* ---------------------------------------------------------------- state */

const state = {
  loggedIn: undefined,
  available: undefined,
  /** What HubSpot knows of the current call, from the app's messages; `frameId` is the frame that told it. */
  call: null,
  nextEngagementId: 31001,
  lastEngagementId: undefined,
  record: 'ada',
  unknownRecord: null,
  recordNote: '',
  timeline: [],
};

/** How long HubSpot's SYNC may go unanswered (no INITIALIZED) before the frame's card says what to check. */
const HANDSHAKE_GUIDANCE_MS = 5000;

/** One calling iframe and the HubSpotHost that plays HubSpot for it. */
class Frame {
  host = null;
  handshake = 'loading'; // loading | held | syncing | acked | ready | failed
  visibility = 'open';
  /** What the demo softphone in the frame reported: undefined until it says. */
  isOwner = undefined;
  closed = false;
  /** SYNC has gone unanswered for HANDSHAKE_GUIDANCE_MS: the card shows what to check. */
  stalled = false;
  /** Auto-responses on their way to this frame. */
  replies = new Set();
  #reported = [];
  #watchdog = null;

  constructor(spec) {
    Object.assign(this, { spec, id: spec.id, title: spec.title });
  }

  get ready() {
    return !this.closed && !!this.host && (this.handshake === 'ready' || this.handshake === 'acked');
  }

  /** Resolves once the frame's softphone has said whether it owns the call, or after `timeout`. */
  reported(timeout) {
    return new Promise((resolve) => {
      if (this.isOwner !== undefined) return resolve();
      this.#reported.push(resolve);
      setTimeout(resolve, timeout);
    });
  }

  report(isOwner) {
    const became = isOwner && this.isOwner !== true;
    this.isOwner = isOwner;
    if (became && multi) logNote(`${this.title} owns the call`);
    for (const resolve of this.#reported.splice(0)) resolve();
  }

  cancelReplies() {
    for (const timer of this.replies) clearTimeout(timer);
    this.replies.clear();
  }

  /** From the moment HubSpot starts sending SYNC: no INITIALIZED in time, and the card says what to check. */
  watchHandshake() {
    this.stopWatching();
    this.#watchdog = setTimeout(() => {
      this.#watchdog = null;
      if (this.closed || this.handshake === 'ready') return;
      this.stalled = true;
      logNote(`${this.title}: no answer to HubSpot’s handshake after ${HANDSHAKE_GUIDANCE_MS / 1000} s`);
      render();
    }, HANDSHAKE_GUIDANCE_MS);
  }

  stopWatching() {
    clearTimeout(this.#watchdog);
    this.#watchdog = null;
    this.stalled = false;
  }
}

const frames = layout.frames.map((spec) => new Frame(spec));
const frameById = (id) => frames.find((frame) => frame.id === id);

function syncForm() {
  const form = $('#sync-form');
  const number = (name) => {
    const value = Number(form.elements[name].value);
    return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  };
  const context = {
    portalId: number('portalId'),
    userId: number('userId'),
    ownerId: number('ownerId'),
    iframeLocation: form.elements.iframeLocation.value,
    usesCallingWindow: form.elements.usesCallingWindow.checked,
  };
  const engagementId = number('engagementId');
  if (engagementId) context.engagementId = engagementId;
  for (const key of Object.keys(context)) if (context[key] === undefined) delete context[key];
  return { context, holdSync: form.elements.holdSync.checked };
}

/** The form's context as one frame of the layout gets it: the layout sets where the frame is. */
function frameContext(frame, context = syncForm().context) {
  return multi ? { ...context, iframeLocation: frame.spec.iframeLocation, usesCallingWindow: layout.usesCallingWindow } : context;
}

const records = () => crm(syncForm().context.portalId ?? 1);

/* ---------------------------------------------------------------- the hosts */

/**
 * `?app=<url>`: the vendor's own calling page instead of the demo softphone. `{ url }` once
 * checked, `{ error }` when the parameter is not an http(s) URL (the demo loads instead, and the
 * page says why), null without it.
 */
const VENDOR = params.has(APP_PARAM) ? parseAppUrl(params.get(APP_PARAM)) : null;
const VENDOR_URL = VENDOR?.url ?? null;

/** The demo softphone runs on a second origin: the one start.mjs announces, or this one with host and port swapped. */
async function appOrigin() {
  if (VENDOR_URL) return new URL(VENDOR_URL).origin;
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) return (await response.json()).appOrigin;
  } catch {
    /* fall through */
  }
  const url = new URL(location.href);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  url.port = String(Number(url.port || 80) + 1);
  return url.origin;
}

const APP_ORIGIN = await appOrigin();
// Each multi-frame layout syncs on a channel of its own, so a simulator open in another
// browser tab with another layout does not take part in this one's election.
// The vendor's page loads as given: nothing is added to its address.
const APP_URL =
  VENDOR_URL ?? `${APP_ORIGIN}/demo/softphone.html?${new URLSearchParams({ host: location.origin, ...(multi && { channel: `simulator-${LAYOUT}` }) })}`;

if (params.has('hold')) $('#sync-form').elements.holdSync.checked = true;

function openHost(frame, { context, holdSync }) {
  frame.closed = false;
  frame.handshake = holdSync ? 'held' : 'loading';
  frame.isOwner = undefined;
  frame.visibility = 'open';
  frame.host = new HubSpotHost({
    src: APP_URL,
    container: `#${frame.slotId}`,
    width: 360,
    height: 600,
    sync: context,
    holdSync,
    onMessage: (message) => {
      try {
        logMessage(frame, message);
        if (message.direction === 'from-app') fromApp(frame, message);
        else toApp(frame, message);
      } catch (error) {
        console.error('[simulator]', error);
      }
      render();
    },
  });
  const what = VENDOR_URL ? `your calling page (${new URL(APP_URL).host})` : 'calling app (vendor page on another origin)';
  frame.host.iframe.title = multi ? `${frame.title}: ${what}` : what[0].toUpperCase() + what.slice(1);
  // The SDK gives every calling iframe the same id; ids stay unique with several.
  if (multi) frame.host.iframe.id = `calling-app-${frame.id}`;
  if (!holdSync) frame.watchHandshake();
}

/** HubSpot reloads a frame (navigation, a new tab of the same page) and SYNCs again. */
function reloadFrame(frame, context, { holdSync = false } = {}) {
  frame.cancelReplies();
  frame.stopWatching();
  Object.assign(frame, { handshake: holdSync ? 'held' : 'loading', isOwner: undefined });
  frame.host.reload(context, { holdSync });
  if (!holdSync) frame.watchHandshake();
}

/** The frame's own Reload: the same context, with the engagement of the call HubSpot knows, so the call comes back. */
function reloadWithCall(frame) {
  const { engagementId: _previous, ...same } = frame.host.context;
  const engagementId = state.call?.engagementId;
  logNote(`${frame.title} reloaded${engagementId ? `; SYNC names engagement ${engagementId}` : ''}`);
  reloadFrame(frame, { ...same, ...(engagementId && { engagementId }) });
  render();
}

function closeFrame(frame) {
  frame.cancelReplies();
  frame.stopWatching();
  frame.host.destroy();
  Object.assign(frame, { host: null, closed: true, isOwner: undefined, handshake: 'loading' });
  logNote(`${frame.title} closed`);
  render();
  frame.card.querySelector('.frame-closed .btn').focus();
}

function reopenFrame(frame) {
  if (!frame.closed) return;
  logNote(`${frame.title} opened again`);
  const { context, holdSync } = syncForm();
  const { engagementId: _ignored, ...fresh } = context;
  openHost(frame, { context: frameContext(frame, fresh), holdSync });
  render();
}

/** Only the demo softphone's own report, from one of this page's calling iframes, counts (see softphone.js). */
function readReport(data) {
  if (!data || typeof data !== 'object' || data.source !== 'nimbus-voice-demo' || data.v !== 1) return null;
  return data.kind === 'ownership' && typeof data.isOwner === 'boolean' ? { kind: 'ownership', isOwner: data.isOwner } : null;
}

addEventListener('message', (event) => {
  if (event.origin !== APP_ORIGIN) return;
  const frame = frames.find((f) => f.host?.iframe && f.host.iframe.contentWindow === event.source);
  const report = frame && readReport(event.data);
  if (!report) return;
  frame.report(report.isOwner);
  render();
});

/** Sends a host event; says why when it cannot (no handshake yet, a closed frame). */
function act(what, send) {
  try {
    send();
  } catch (error) {
    showAlert({ tone: 'warning', title: `${what} was not sent`, text: error.message });
  }
}

function hostOf(frame) {
  if (!frame) throw new Error('No frame to send it to.');
  if (frame.closed || !frame.host) throw new Error(`${frame.title} is closed.`);
  return frame.host;
}

/** HubSpot's answer, a moment later, to the frame that asked. */
function later(frame, send) {
  const timer = setTimeout(() => {
    frame.replies.delete(timer);
    if (frame.host?.ready) act('Auto-response', () => send(frame.host));
  }, AUTO_RESPONSE_DELAY);
  frame.replies.add(timer);
}

const autoRespond = () => $('#auto-respond').checked;

function newEngagement() {
  const engagementId = state.nextEngagementId++;
  state.lastEngagementId = engagementId;
  return engagementId;
}

function selectedMatches() {
  const preset = document.querySelector('input[name=matches]:checked')?.value ?? 'none';
  const all = records();
  return MATCH_PRESETS[preset].map((key) => all[key].match);
}

function sendCallerId(host) {
  const matches = selectedMatches();
  if (matches.length) host.callerIdMatchSucceeded(matches);
  // HubSpot reports "nobody has this number" as a failed match.
  else host.fail('CALLER_ID_MATCH_FAILED', 'No contact or company has this phone number.');
}

const CALL_MESSAGES = new Set(['CALL_ANSWERED', 'CALL_ENDED', 'CALL_COMPLETED', 'CALL_TRANSFERRED']);

/** What HubSpot does when an app talks to it. */
function fromApp(frame, { type, data }) {
  const d = data && typeof data === 'object' ? data : {};
  const where = multi ? ` (${frame.title})` : '';
  // Whoever reports on the call now owns it (ownership can move to another tab).
  if (state.call && CALL_MESSAGES.has(type)) state.call.frameId = frame.id;
  switch (type) {
    case 'READY':
      frame.handshake = 'acked';
      break;
    case 'SYNC_ACK_FAILED':
      frame.handshake = 'failed';
      frame.stalled = true;
      showAlert({
        tone: 'danger',
        title: `The app never answered SYNC${where}`,
        text: `HubSpot gave up after 30 s. ${multi ? 'The frame’s card' : 'The widget'} says what to check; fix the page, then reload it.`,
      });
      break;
    case 'INITIALIZED':
      frame.handshake = 'ready';
      frame.stopWatching();
      state.loggedIn = d.isLoggedIn === true;
      state.available = d.isAvailable === true;
      if (d.sizeInfo) resizeWidget(frame, d.sizeInfo);
      // After a reload, the frame that had the call names its engagement if it took the call back.
      if (state.call?.frameId === frame.id && state.call.engagementId && d.engagementId !== state.call.engagementId) {
        logNote(`${frame.title} came back without the call`);
        state.call = null;
      }
      break;
    case 'LOGGED_IN':
    case 'LOGGED_OUT':
      state.loggedIn = type === 'LOGGED_IN';
      break;
    case 'USER_AVAILABLE':
    case 'USER_UNAVAILABLE':
      state.available = type === 'USER_AVAILABLE';
      break;
    case 'RESIZE_WIDGET':
      resizeWidget(frame, d);
      break;
    case 'INCOMING_CALL':
    case 'OUTGOING_CALL_STARTED': {
      const inbound = type === 'INCOMING_CALL';
      state.call = {
        frameId: frame.id,
        externalCallId: d.externalCallId,
        direction: inbound ? 'INBOUND' : 'OUTBOUND',
        status: inbound ? 'ringing' : 'dialing',
        number: inbound ? d.fromNumber : (d.toNumber ?? d.phoneNumber),
        startedAt: Date.now(),
      };
      if (!autoRespond()) break;
      if (inbound && frame.visibility !== 'open') setVisibility(frame, 'open');
      const callId = d.externalCallId;
      const current = () => state.call?.externalCallId === callId;
      if (d.createEngagement) later(frame, (host) => current() && host.createEngagementSucceeded(newEngagement()));
      if (inbound) later(frame, (host) => current() && sendCallerId(host));
      break;
    }
    case 'CALL_ANSWERED':
      if (state.call) Object.assign(state.call, { status: 'connected', answeredAt: Date.now() });
      break;
    case 'CALL_ENDED':
      if (state.call) Object.assign(state.call, { status: 'ended', endStatus: d.callEndStatus, endedAt: Date.now(), engagementId: d.engagementId ?? state.call.engagementId });
      break;
    case 'CALL_COMPLETED':
      logActivity(d);
      state.call = null;
      if (d.hideWidget === true) setVisibility(frame, 'hidden', { tell: false });
      break;
    case 'CALL_TRANSFERRED':
      state.call = null;
      break;
    case 'NAVIGATE_TO_RECORD':
      openRecord(d.objectCoordinates, d.openIn);
      break;
    case 'FINALIZE_ENGAGEMENT':
    case 'PUBLISH_TO_CHANNEL':
      if (autoRespond()) {
        const reply = type === 'FINALIZE_ENGAGEMENT' ? 'FINALIZE_ENGAGEMENT_SUCCEEDED' : 'PUBLISH_TO_CHANNEL_SUCCEEDED';
        later(frame, (host) => host.send(reply, { engagementId: d.engagementId, externalCallId: d.externalCallId }));
      }
      break;
    case 'ERROR':
      showAlert({
        tone: 'danger',
        title: `The calling app reported an error${where}`,
        text: typeof d.message === 'string' ? d.message : JSON.stringify(data),
      });
      break;
  }
}

/** Keeps the page in step with what HubSpot itself sent. */
function toApp(frame, { type, data }) {
  const d = data && typeof data === 'object' ? data : {};
  if (type === 'SYNC' && frame.handshake !== 'ready') frame.handshake = 'syncing';
  if ((type === 'CREATE_ENGAGEMENT_SUCCEEDED' || type === 'UPDATE_ENGAGEMENT_SUCCEEDED') && state.call) state.call.engagementId = d.engagementId;
}

function resizeWidget(frame, size) {
  const width = Number(size?.width);
  const height = Number(size?.height);
  if (!(width > 0) && !(height > 0)) return;
  frame.host.manager.updateIFrameSize({ ...(width > 0 && { width }), ...(height > 0 && { height }) });
  const px = (attribute) => parseInt(frame.host.iframe.getAttribute(attribute), 10);
  frame.card.querySelector('.widget-size').textContent = `Widget ${px('width')} × ${px('height')} px, as the app asked`;
}

function setVisibility(frame, visibility, { tell = true } = {}) {
  if (frame.closed) return;
  frame.visibility = visibility;
  if (tell) act('VISIBILITY_CHANGED', () => hostOf(frame).visibilityChanged(visibility === 'minimized', visibility === 'hidden'));
  render();
}

/* ---------------------------------------------------------------- host -> app controls */

function currentEngagementId() {
  return state.call?.engagementId ?? state.lastEngagementId;
}

/** Where the controls' events go: the frame picked, or the one that owns the call. */
function targetFrame() {
  if (!multi) return frames[0];
  const picked = $('#target').value;
  if (picked !== 'owner') return frameById(picked);
  return frames.find((f) => !f.closed && f.isOwner) ?? frameById(state.call?.frameId) ?? frames.find((f) => !f.closed);
}

/** Click-to-call happens on a HubSpot page: the widget's tab, or the tab picked. */
const dialFrame = () => (multi ? frameById($('#dial-from').value) : frames[0]);

const CONTROL_SENDS = {
  CALLER_ID_MATCH_SUCCEEDED: (host) => host.callerIdMatchSucceeded(selectedMatches()),
  CALLER_ID_MATCH_FAILED: (host) => host.fail('CALLER_ID_MATCH_FAILED', 'No contact or company has this phone number.'),
  CREATE_ENGAGEMENT_SUCCEEDED: (host) => host.createEngagementSucceeded(newEngagement()),
  CREATE_ENGAGEMENT_FAILED: (host) => host.fail('CREATE_ENGAGEMENT_FAILED', 'HubSpot could not create the call engagement (simulated).'),
  UPDATE_ENGAGEMENT_SUCCEEDED: (host) => host.updateEngagementSucceeded(currentEngagementId() ?? newEngagement()),
  UPDATE_ENGAGEMENT_FAILED: (host) => host.fail('UPDATE_ENGAGEMENT_FAILED', 'HubSpot could not update the call engagement (simulated).'),
  FINALIZE_ENGAGEMENT_SUCCEEDED: (host) =>
    host.send('FINALIZE_ENGAGEMENT_SUCCEEDED', { engagementId: currentEngagementId(), externalCallId: state.call?.externalCallId }),
  FINALIZE_ENGAGEMENT_FAILED: (host) => host.fail('FINALIZE_ENGAGEMENT_FAILED', 'HubSpot could not finalize the engagement (simulated).'),
  NAVIGATE_TO_RECORD_FAILED: (host) => host.fail('NAVIGATE_TO_RECORD_FAILED', 'HubSpot could not open that record (simulated).'),
  END_CALL: (host) => host.endCall(),
  SET_CALL_STATE: (host) => host.send('SET_CALL_STATE', { externalCallId: state.call?.externalCallId, callState: 'ON_HOLD' }),
  INITIATE_CALL_ID_SUCCEEDED: (host) => host.send('INITIATE_CALL_ID_SUCCEEDED', { externalCallId: state.call?.externalCallId, engagementId: currentEngagementId() }),
  INITIATE_CALL_ID_FAILED: (host) => host.fail('INITIATE_CALL_ID_FAILED', 'HubSpot could not start the call (simulated).'),
  SET_WIDGET_URL_FAILED: (host) => host.fail('SET_WIDGET_URL_FAILED', 'HubSpot could not load that page (simulated).'),
  FAILED: (host) => host.fail('FAILED', 'Something failed in HubSpot (simulated).'),
};

for (const button of document.querySelectorAll('[data-send]')) {
  button.addEventListener('click', () => act(button.dataset.send, () => CONTROL_SENDS[button.dataset.send](hostOf(targetFrame()))));
}
for (const button of document.querySelectorAll('[data-visibility]')) {
  button.addEventListener('click', () => {
    const frame = targetFrame();
    if (frame?.closed) act('VISIBILITY_CHANGED', () => hostOf(frame));
    else if (frame) setVisibility(frame, button.dataset.visibility);
  });
}

function dial(phoneNumber) {
  const record = records()[state.record];
  act('DIAL_NUMBER', () =>
    hostOf(dialFrame()).dialNumber(phoneNumber, {
      ownerId: syncForm().context.ownerId,
      portalId: syncForm().context.portalId,
      objectId: record.coordinates.objectId,
      objectType: record.kind.toUpperCase(),
      countryCode: 'US',
      calleeInfo: { calleeId: record.coordinates.objectId, calleeObjectTypeId: record.coordinates.objectTypeId },
      toPhoneNumberSrc: 'Phone number',
    }),
  );
}

$('#dial-form').addEventListener('submit', (event) => {
  event.preventDefault();
  dial(event.currentTarget.elements.phoneNumber.value.trim());
});

$('#sync-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const { context, holdSync } = syncForm();
  for (const frame of frames) if (!frame.closed) reloadFrame(frame, frameContext(frame, context), { holdSync });
  const what = multi ? 'Every frame reloaded' : 'App reloaded';
  logNote(holdSync ? `${what}; SYNC held until you release it` : what);
  render();
});

$('#release-sync').addEventListener('click', () => {
  for (const frame of frames) {
    if (!frame.host || frame.handshake !== 'held') continue;
    frame.host.sync();
    frame.watchHandshake();
  }
  render();
});

$('#use-engagement').addEventListener('click', () => {
  const id = currentEngagementId();
  const input = $('#sync-form').elements.engagementId;
  if (id) input.value = String(id);
  else showAlert({ tone: 'warning', title: 'No engagement yet', text: 'Start a call first: HubSpot creates an engagement for it.' });
  input.focus();
});

/* ---------------------------------------------------------------- the calling window's page */

// A remote's "Open calling window" button opens HubSpot's calling-window page,
// /calling-integration-popup-ui/<portalId>. The simulator serves a stand-in there
// (calling-window.html) that asks this page, over this origin's BroadcastChannel, to bring
// its calling window frame back, then closes itself.
if (LAYOUT === 'window' && typeof BroadcastChannel === 'function') {
  const popups = new BroadcastChannel('hubspot-calling-simulator');
  popups.onmessage = ({ data }) => {
    if (!data || data.kind !== 'open-calling-window' || typeof data.id !== 'string') return;
    const win = frameById('window');
    if (String(data.portalId) !== String(syncForm().context.portalId)) return;
    const reopened = win.closed;
    reopenFrame(win);
    popups.postMessage({ kind: reopened ? 'reopened' : 'already-open', id: data.id });
  };
}

/* ---------------------------------------------------------------- CRM area */

function findRecord(coordinates) {
  const all = records();
  const key = Object.keys(all).find(
    (k) => all[k].coordinates.objectTypeId === coordinates?.objectTypeId && all[k].coordinates.objectId === coordinates?.objectId,
  );
  return key;
}

function openRecord(coordinates, openIn) {
  const key = findRecord(coordinates);
  const where = openIn === 'NEW_TAB' ? ' (in a new tab)' : '';
  if (key) {
    state.record = key;
    state.recordNote = `Opened by the calling app${where}: NAVIGATE_TO_RECORD`;
  } else {
    state.record = 'unknown';
    state.unknownRecord = coordinates;
    state.recordNote = `The calling app asked for a record this demo CRM does not have${where}.`;
  }
  renderRecord({ flash: true });
}

/** Calls the Activity list shows, newest first; older ones leave the page (state.timeline keeps them all). */
const TIMELINE_LIMIT = 50;
/** The Activity list lives across record views: a logged call adds one row, nothing is drawn again. */
const timelineList = h('ol', { class: 'timeline', hidden: true });
const timelineEmpty = h('p', { class: 'muted small' }, 'Calls the app logs (CALL_COMPLETED) show up here.');
const timelineMore = h('p', { class: 'muted small timeline-more', hidden: true });

function logActivity(data) {
  const properties = data.engagementProperties && typeof data.engagementProperties === 'object' ? data.engagementProperties : {};
  const call = state.call;
  const item = {
    at: Date.now(),
    direction: call?.direction,
    number: call?.number,
    endStatus: call?.endStatus,
    talked: call?.answeredAt && call?.endedAt ? call.endedAt - call.answeredAt : 0,
    engagementId: data.engagementId ?? call?.engagementId,
    properties,
  };
  state.timeline.unshift(item);
  timelineList.prepend(activityItem(item));
  while (timelineList.children.length > TIMELINE_LIMIT) timelineList.lastElementChild.remove();
  const older = state.timeline.length - timelineList.children.length;
  timelineList.hidden = false;
  timelineEmpty.hidden = true;
  timelineMore.hidden = older === 0;
  if (older) timelineMore.textContent = `${older} older ${older === 1 ? 'call' : 'calls'} not shown: the list keeps the last ${TIMELINE_LIMIT}.`;
}

function initials(name) {
  return (
    name
      .replace(/[^\p{L}\s]/gu, '')
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0].toUpperCase())
      .join('') || '?'
  );
}

const pad = (n, width = 2) => String(n).padStart(width, '0');
const clock = (ms) => {
  const t = new Date(ms);
  return `${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
};
const duration = (ms) => `${Math.floor(ms / 60000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;

function renderRecord({ flash = false } = {}) {
  const all = records();
  const record =
    state.record === 'unknown'
      ? {
          kind: state.unknownRecord?.objectTypeId === '0-2' ? 'Company' : 'Record',
          name: `Record ${state.unknownRecord?.objectTypeId ?? '?'} / ${state.unknownRecord?.objectId ?? '?'}`,
          subtitle: `Portal ${state.unknownRecord?.portalId ?? '?'}`,
          properties: [],
          coordinates: state.unknownRecord,
        }
      : all[state.record];
  const phone = record.properties.find(([label]) => label === 'Phone number')?.[1];
  const el = $('#record');
  el.replaceChildren(
    state.recordNote
      ? h('p', { class: 'record-note', role: 'status' }, h('span', { 'aria-hidden': 'true' }, '↗ '), state.recordNote)
      : '',
    h(
      'nav',
      { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      h('span', {}, record.kind === 'Company' ? 'Companies' : 'Contacts'),
      h('span', { 'aria-hidden': 'true' }, ' › '),
      h('span', { class: 'crumb-current' }, record.name),
    ),
    h(
      'header',
      { class: 'record-head' },
      h('div', { class: `avatar ${record.kind === 'Company' ? 'company' : ''}`, 'aria-hidden': 'true' }, initials(record.name)),
      h('div', {}, h('h1', { class: 'record-name' }, record.name), h('p', { class: 'muted' }, record.subtitle)),
    ),
    h(
      'div',
      { class: 'record-actions' },
      phone
        ? h('button', { type: 'button', class: 'btn primary', onclick: () => dial(phone), disabled: !dialFrame()?.ready }, phoneIcon(), `Call ${phone}`)
        : '',
      h('span', { class: 'muted small' }, `${record.kind} · id ${record.coordinates?.objectId ?? '?'} · type ${record.coordinates?.objectTypeId ?? '?'}`),
    ),
    record.properties.length
      ? h(
          'dl',
          { class: 'properties' },
          record.properties.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
        )
      : '',
    h('h2', { class: 'section-title' }, 'Activity'),
    timelineList,
    timelineMore,
    timelineEmpty,
  );
  if (flash) {
    el.classList.remove('flash');
    void el.offsetWidth;
    el.classList.add('flash');
  }
}

const PHONE_PATH = 'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1z';

function phoneIcon(className = 'icon') {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', PHONE_PATH);
  path.setAttribute('fill', 'currentColor');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', className);
  svg.append(path);
  return svg;
}

function activityItem(item) {
  const { hs_call_body: body, hs_call_disposition: disposition, ...rest } = item.properties;
  const extra = Object.entries(rest);
  return h(
    'li',
    { class: 'activity' },
    h(
      'p',
      { class: 'activity-head' },
      h('b', {}, `${item.direction === 'INBOUND' ? 'Inbound' : item.direction === 'OUTBOUND' ? 'Outbound' : ''} call logged`),
      h('span', { class: 'muted' }, ` · ${clock(item.at)}`),
    ),
    h(
      'p',
      { class: 'muted small' },
      [item.number, item.endStatus, item.talked ? `talked ${duration(item.talked)}` : '', item.engagementId ? `engagement ${item.engagementId}` : 'no engagement']
        .filter(Boolean)
        .join(' · '),
    ),
    disposition ? h('p', { class: 'small' }, h('span', { class: 'tag' }, 'Outcome'), ` ${disposition}`) : '',
    body ? h('blockquote', { class: 'notes' }, body) : h('p', { class: 'muted small' }, 'No notes.'),
    extra.length ? h('p', { class: 'muted small' }, extra.map(([k, v]) => `${k}: ${v}`).join(' · ')) : '',
  );
}

/* ---------------------------------------------------------------- alerts */

function showAlert({ tone, title, text }) {
  const alert = h(
    'div',
    { class: `alert ${tone}`, role: 'alert' },
    h('div', {}, h('b', {}, title), h('p', {}, text)),
    h('button', { type: 'button', class: 'icon-btn', title: 'Dismiss', 'aria-label': 'Dismiss', onclick: () => alert.remove() }, '×'),
  );
  const alerts = $('#alerts');
  alerts.append(alert);
  while (alerts.children.length > 3) alerts.firstElementChild.remove();
}

/* ---------------------------------------------------------------- frame cards */

const ROLES = {
  unknown: ['…', VENDOR_URL ? 'Only the demo softphone reports whether it owns the call' : 'The softphone has not said yet whether it owns the call'],
  owner: ['Owner', 'Owns the call: talks to HubSpot about it, and the telephony runs here'],
  mirror: ['Mirror', 'Shows the owner’s call and hands clicks, notes and Done to it'],
  closed: ['Closed', 'No frame: this page is closed'],
};

/** The exact attribute that lets <hubspot-softphone> talk to this simulator. */
const ALLOW_THIS_ORIGIN = `allowed-origins="${location.origin}"`;

async function copyText(text, button, fallback) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    // No clipboard (permissions, an insecure origin): select it, for Ctrl+C.
    getSelection().selectAllChildren(fallback);
    button.textContent = 'Selected: press Ctrl+C';
  }
  setTimeout(() => (button.textContent = 'Copy'), 2000);
}

/** What to check when the page in a frame does not answer HubSpot's handshake (see Frame.watchHandshake). */
function handshakeGuidance() {
  const code = h('code', {}, ALLOW_THIS_ORIGIN);
  const copy = h('button', { type: 'button', class: 'btn small', 'aria-label': `Copy ${ALLOW_THIS_ORIGIN}`, onclick: () => copyText(ALLOW_THIS_ORIGIN, copy, code) }, 'Copy');
  const reload = multi ? 'this frame’s Reload' : '“Reload app & SYNC”';
  return h(
    'div',
    { class: 'frame-guidance', role: 'alert', hidden: true },
    h('p', { class: 'guidance-title' }, 'Your page has not answered HubSpot’s handshake'),
    h('p', { class: 'guidance-lead' }),
    h('p', {}, 'Does it use <hubspot-softphone>? The element talks only to HubSpot’s own origins unless told otherwise. While you test here, add this simulator’s origin to it:'),
    h('p', { class: 'guidance-code' }, code, copy),
    h('p', { class: 'small' }, `Then press ${reload}. In production, keep HubSpot’s origins (the default) instead.`),
    h(
      'p',
      { class: 'muted small' },
      'Check the console of your page (in DevTools, pick its frame): the element names the origin it refused there. ' +
        'Without the element, your page must create the SDK’s CallingExtensions and answer SYNC with initialized. ' +
        'A blank frame may mean the page refuses to be framed (X-Frame-Options, or a Content-Security-Policy frame-ancestors without this origin).',
    ),
  );
}

/** HubSpot's frame around the calling app: a bar, in a multi-frame layout a toolbar, the iframe's slot. */
function buildCard(frame) {
  const base = multi ? `frame-${frame.id}` : 'widget';
  frame.slotId = multi ? `${base}-app` : 'calling-widget';
  const titleId = `${base}-title`;
  const toggle = h(
    'button',
    { type: 'button', class: 'icon-btn widget-toggle', 'aria-expanded': 'true', onclick: () => setVisibility(frame, frame.visibility === 'open' ? 'minimized' : 'open') },
    h('span', { 'aria-hidden': 'true' }, '–'),
    h('span', { class: 'sr-only' }, 'Minimize'),
  );
  const what = frame.id === 'window' ? 'calling window' : frame.spec.short;
  const card = h(
    'section',
    { class: 'widget', id: base, 'aria-labelledby': titleId, dataset: { frame: frame.id, visibility: 'open' } },
    h(
      'div',
      { class: 'widget-bar' },
      phoneIcon('widget-icon'),
      h('h2', { id: titleId }, frame.title),
      multi ? h('span', { class: 'role', dataset: { role: 'unknown' } }) : '',
      h('span', { class: 'widget-origin', title: 'The calling app runs on this origin' }, new URL(APP_URL).host),
      toggle,
    ),
    multi
      ? h(
          'div',
          { class: 'frame-tools' },
          h('span', { class: 'frame-status' }),
          h('button', { type: 'button', class: 'btn small', dataset: { action: 'reload' }, 'aria-label': `Reload ${frame.title}`, title: 'HubSpot reloads this frame and SYNCs again, naming the current call’s engagement', onclick: () => reloadWithCall(frame) }, 'Reload'),
          h('button', { type: 'button', class: 'btn small', dataset: { action: 'close' }, 'aria-label': `Close ${frame.title}`, title: `Close the ${what}: its frame goes away`, onclick: () => closeFrame(frame) }, 'Close'),
        )
      : '',
    handshakeGuidance(),
    h('div', { class: 'widget-frame', id: frame.slotId }),
    multi
      ? h(
          'div',
          { class: 'frame-closed', hidden: true },
          h('p', { class: 'frame-closed-title' }, frame.id === 'window' ? 'The calling window is closed' : `${frame.title} is closed`),
          h(
            'p',
            { class: 'muted small' },
            frame.id === 'window'
              ? 'Each HubSpot tab now says so, with an “Open calling window” button: it opens HubSpot’s calling-window page, which the simulator answers by bringing the window back here.'
              : 'Its softphone is gone. If it owned the call, the other tab has taken it over.',
          ),
          h('button', { type: 'button', class: 'btn primary', dataset: { action: 'reopen' }, onclick: () => reopenFrame(frame) }, frame.id === 'window' ? 'Reopen calling window' : `Reopen ${frame.spec.short}`),
        )
      : '',
    h('p', { class: 'widget-size', 'aria-live': 'polite' }),
  );
  frame.card = card;
  return card;
}

const FRAME_HANDSHAKE = { loading: 'loading', held: 'SYNC held', syncing: 'SYNC sent', acked: 'answered SYNC', ready: 'ready', failed: 'no answer' };

function renderCard(frame) {
  const card = frame.card;
  card.dataset.visibility = frame.closed ? 'closed' : frame.visibility;
  const toggle = card.querySelector('.widget-toggle');
  const open = frame.visibility === 'open';
  toggle.hidden = frame.closed;
  toggle.setAttribute('aria-expanded', String(open));
  toggle.title = open ? 'Minimize the widget' : 'Restore the widget';
  toggle.querySelector('[aria-hidden]').textContent = open ? '–' : '+';
  toggle.querySelector('.sr-only').textContent = open ? `Minimize${multi ? ` ${frame.title}` : ''}` : `Restore${multi ? ` ${frame.title}` : ''}`;
  const guidance = card.querySelector('.frame-guidance');
  const stalled = frame.stalled && !frame.closed;
  guidance.hidden = !stalled;
  if (stalled) {
    const lead = guidance.querySelector('.guidance-lead');
    const text = {
      loading: `It has not loaded after ${HANDSHAKE_GUIDANCE_MS / 1000} s (HubSpot sends SYNC once it has): is its server running, and is the address right?`,
      acked: 'It answered SYNC, but has not sent initialized.',
      failed: 'HubSpot sent SYNC for 30 s, nothing answered, and it gave up.',
    }[frame.handshake] ?? `HubSpot has sent SYNC for more than ${HANDSHAKE_GUIDANCE_MS / 1000} s and nothing answered.`;
    if (lead.textContent !== text) lead.textContent = text;
  }
  if (!multi) return;
  const role = frame.closed ? 'closed' : frame.isOwner === undefined ? 'unknown' : frame.isOwner ? 'owner' : 'mirror';
  const badge = card.querySelector('.role');
  badge.dataset.role = role;
  badge.textContent = ROLES[role][0];
  badge.title = ROLES[role][1];
  card.querySelector('.frame-status').textContent = frame.closed ? 'closed' : `${frame.spec.iframeLocation} · ${FRAME_HANDSHAKE[frame.handshake]}`;
  card.querySelector('[data-action=reload]').disabled = frame.closed;
  card.querySelector('[data-action=close]').hidden = frame.closed;
  card.querySelector('.frame-closed').hidden = !frame.closed;
  card.querySelector('.widget-frame').hidden = frame.closed;
  if (frame.closed) card.querySelector('.widget-size').textContent = '';
}

/* ---------------------------------------------------------------- message log */

const LOG_STICK_DISTANCE = 48;
/** Rows (messages and notes) the log keeps; older ones are dropped, so a long session stays fast. */
const LOG_LIMIT = 300;
const logList = $('#log');
/** The rows shown, oldest first: `{ message, item, ... }`. */
const logRows = [];
let messageCount = 0;
let shownCount = 0;
let droppedCount = 0;
/** The reader is at the end of the log: new rows scroll it on. */
let logPinned = true;
let logScrollQueued = false;

function summarize(type, data) {
  const d = data && typeof data === 'object' ? data : {};
  switch (type) {
    case 'SYNC':
      return [d.iframeLocation, d.usesCallingWindow ? 'calling window' : '', d.engagementId ? `engagement ${d.engagementId}` : ''].filter(Boolean).join(' · ');
    case 'INITIALIZED':
      return [d.isLoggedIn ? 'signed in' : 'signed out', d.isAvailable ? 'available' : 'unavailable', d.engagementId ? `engagement ${d.engagementId}` : ''].filter(Boolean).join(' · ');
    case 'INCOMING_CALL':
      return `from ${d.fromNumber}${d.createEngagement ? ' · create engagement' : ''}`;
    case 'OUTGOING_CALL_STARTED':
      return `to ${d.toNumber ?? d.phoneNumber}${d.createEngagement ? ' · create engagement' : ''}`;
    case 'DIAL_NUMBER':
      return d.phoneNumber;
    case 'CALL_ENDED':
      return d.callEndStatus;
    case 'CALL_COMPLETED': {
      const props = d.engagementProperties ?? {};
      return Object.keys(props).join(', ') || 'no properties';
    }
    case 'CALLER_ID_MATCH_SUCCEEDED':
      return `${d.callerIdMatches?.length ?? 0} match${d.callerIdMatches?.length === 1 ? '' : 'es'}`;
    case 'CREATE_ENGAGEMENT_SUCCEEDED':
    case 'UPDATE_ENGAGEMENT_SUCCEEDED':
      return `engagement ${d.engagementId}`;
    case 'NAVIGATE_TO_RECORD':
      return d.objectCoordinates ? `${d.objectCoordinates.objectTypeId} / ${d.objectCoordinates.objectId}` : '';
    case 'VISIBILITY_CHANGED':
      return d.isHidden ? 'hidden' : d.isMinimized ? 'minimized' : 'open';
    case 'RESIZE_WIDGET':
      return `${d.width} × ${d.height}`;
    case 'ERROR':
      return d.message ?? d.type ?? '';
    default:
      return d.error?.message ?? '';
  }
}

function logMessage(frame, message) {
  const { direction, type, data, at } = message;
  const json = data === undefined ? '' : JSON.stringify(data, null, 2);
  const last = logRows.at(-1);
  // HubSpot repeats SYNC every 100 ms until the app answers: one line, counted.
  if (last && type === 'SYNC' && last.type === 'SYNC' && last.frame === frame.id && last.direction === direction && last.json === json) {
    last.count += 1;
    last.countEl.textContent = `×${last.count}`;
    return;
  }
  const toApp = direction === 'to-app';
  const time = new Date(at);
  const stamp = `${clock(at)}.${pad(time.getMilliseconds(), 3)}`;
  const countEl = h('span', { class: 'repeat' });
  const summary = summarize(type, data);
  const line = [
    h('span', { class: `dir ${direction}`, title: toApp ? 'HubSpot → app' : 'App → HubSpot' }, toApp ? '→ app' : '← app'),
    h('time', { datetime: time.toISOString() }, stamp),
    multi ? h('span', { class: 'frame-tag', dataset: { frame: frame.id }, title: frame.title }, frame.spec.short) : '',
    h('span', { class: 'type' }, type),
    countEl,
    summary ? h('span', { class: 'summary' }, String(summary)) : '',
  ];
  const item = h(
    'div',
    { class: `msg ${direction}`, dataset: { type, direction, frame: frame.id } },
    json ? h('details', {}, h('summary', {}, line), h('pre', {}, json)) : h('div', { class: 'row' }, line),
  );
  const row = { message: true, frame: frame.id, direction, type, json, count: 1, countEl, item, text: `${type} ${summary} ${json}`.toLowerCase() };
  item.hidden = !matchesFilter(row, currentFilter());
  appendLogRow(row);
}

/** A line in the log that is not a message, such as a reload: always shown, and it brings the log to its end. */
function logNote(text) {
  logPinned = true;
  appendLogRow({ message: false, item: h('p', { class: 'note' }, text) });
}

/** Adds a row; past LOG_LIMIT the oldest goes, and the page says how many went. */
function appendLogRow(row) {
  logRows.push(row);
  logList.append(row.item);
  if (row.message) {
    messageCount += 1;
    if (!row.item.hidden) shownCount += 1;
  }
  while (logRows.length > LOG_LIMIT) {
    const old = logRows.shift();
    old.item.remove();
    droppedCount += 1;
    if (!old.message) continue;
    messageCount -= 1;
    if (!old.item.hidden) shownCount -= 1;
  }
  updateLogCount();
  keepLogAtEnd();
}

const currentFilter = () => ({
  text: $('#log-filter').value.trim().toLowerCase(),
  direction: $('#log-direction').value,
  frame: $('#log-frame').value,
});

function matchesFilter(row, filter) {
  return (!filter.direction || row.direction === filter.direction) && (!filter.frame || row.frame === filter.frame) && (!filter.text || row.text.includes(filter.text));
}

function updateLogCount() {
  $('#log-count').textContent = shownCount === messageCount ? String(messageCount) : `${shownCount} / ${messageCount}`;
  $('#log-empty').hidden = shownCount > 0;
  $('#log-empty').textContent = messageCount ? 'No message matches the filter.' : 'No messages yet.';
  const dropped = $('#log-dropped');
  dropped.hidden = droppedCount === 0;
  if (droppedCount) dropped.textContent = `${droppedCount} older ${droppedCount === 1 ? 'entry' : 'entries'} dropped: the log keeps the last ${LOG_LIMIT}.`;
}

/** Scrolls to the newest row once per frame, unless the reader has scrolled up (no layout read per message). */
function keepLogAtEnd() {
  if (logScrollQueued) return;
  logScrollQueued = true;
  requestAnimationFrame(() => {
    logScrollQueued = false;
    if (logPinned) logList.scrollTop = logList.scrollHeight;
  });
}

logList.addEventListener(
  'scroll',
  () => {
    logPinned = logList.scrollHeight - logList.scrollTop - logList.clientHeight < LOG_STICK_DISTANCE;
  },
  { passive: true },
);

function applyFilter() {
  const filter = currentFilter();
  shownCount = 0;
  for (const row of logRows) {
    if (!row.message) continue;
    row.item.hidden = !matchesFilter(row, filter);
    if (!row.item.hidden) shownCount += 1;
  }
  updateLogCount();
  logPinned = true;
  keepLogAtEnd();
}

$('#log-filter').addEventListener('input', applyFilter);
$('#log-direction').addEventListener('change', applyFilter);
$('#log-frame').addEventListener('change', applyFilter);
$('#log-clear').addEventListener('click', () => {
  logRows.length = 0;
  messageCount = shownCount = droppedCount = 0;
  logList.replaceChildren();
  updateLogCount();
});

/* ---------------------------------------------------------------- status chips */

const HANDSHAKE = {
  loading: ['wait', 'loading app'],
  held: ['held', 'SYNC held'],
  syncing: ['wait', 'SYNC sent'],
  acked: ['wait', 'waiting for INITIALIZED'],
  ready: ['on', 'ready'],
  failed: ['danger', 'no answer'],
};

function chip(id, tone, value, title) {
  const el = $(id);
  el.dataset.tone = tone;
  el.querySelector('b').textContent = value;
  if (title) el.title = title;
}

/** The handshake chip: the one frame's state, or how many of the layout's frames are ready. */
function handshakeChip() {
  if (!multi) return HANDSHAKE[frames[0].handshake];
  const open = frames.filter((f) => !f.closed);
  const ready = open.filter((f) => f.handshake === 'ready').length;
  const worst = open.find((f) => f.handshake === 'failed') ?? open.find((f) => f.handshake === 'held');
  if (worst) return [HANDSHAKE[worst.handshake][0], `${worst.title}: ${HANDSHAKE[worst.handshake][1]}`];
  return [ready === open.length ? 'on' : 'wait', `${ready} of ${open.length} frames ready`];
}

function render() {
  const [tone, label] = handshakeChip();
  chip('#chip-handshake', tone, label);
  chip('#chip-login', state.loggedIn === undefined ? 'off' : state.loggedIn ? 'on' : 'danger', state.loggedIn === undefined ? 'unknown' : state.loggedIn ? 'signed in' : 'signed out');
  chip(
    '#chip-availability',
    state.available === undefined ? 'off' : state.available ? 'on' : 'off',
    state.available === undefined ? 'unknown' : state.available ? 'available' : 'unavailable',
  );
  const call = state.call;
  const from = multi && call ? frameById(call.frameId)?.spec.short : '';
  chip(
    '#chip-call',
    !call ? 'off' : call.status === 'ended' ? 'held' : call.status === 'connected' ? 'on' : 'ring',
    call
      ? [call.direction === 'INBOUND' ? 'in' : 'out', call.status + (call.endStatus ? ` ${call.endStatus}` : ''), call.engagementId ? `eng ${call.engagementId}` : 'no eng', from]
          .filter(Boolean)
          .join(' · ')
      : 'none',
    call
      ? `externalCallId ${call.externalCallId}\nnumber ${call.number ?? '?'}\nengagementId ${call.engagementId ?? '(none yet)'}${from ? `\nreported by ${frameById(call.frameId).title}` : ''}`
      : 'No call',
  );

  $('#events').disabled = !frames.some((f) => f.ready);
  $('#release-sync').disabled = !frames.some((f) => !f.closed && f.handshake === 'held');
  $('#next-engagement').textContent = `#${state.nextEngagementId}`;
  const canDial = !!dialFrame()?.ready;
  for (const button of document.querySelectorAll('.record-actions .btn')) button.disabled = !canDial;
  if (multi) {
    const owner = frames.find((f) => !f.closed && f.isOwner);
    $('#target').options[0].textContent = `The owner${owner ? ` (now ${owner.title})` : ''}`;
  }
  for (const frame of frames) renderCard(frame);
}

/* ---------------------------------------------------------------- start */

function setUpLayout() {
  $('#layout').dataset.layout = LAYOUT;
  // The layout links keep the page's other parameters (?app=, ?hold).
  for (const link of document.querySelectorAll('#layout-links a')) {
    const url = new URL(location.href);
    if (link.dataset.layout === 'widget') url.searchParams.delete('layout');
    else url.searchParams.set('layout', link.dataset.layout);
    link.href = url.pathname + url.search;
    if (link.dataset.layout === LAYOUT) link.setAttribute('aria-current', 'page');
  }
  if (!multi) return;
  $('#frames-hint').textContent = layout.hint;
  const where = [...new Set(frames.map((f) => f.spec.iframeLocation))].join(' / ');
  $('#set-by-layout').textContent = `iframeLocation (${where}) and usesCallingWindow (${layout.usesCallingWindow}) come from the layout.`;
  $('#reload').textContent = 'Reload every frame & SYNC';
  const option = (value, text) => h('option', { value }, text);
  $('#target').append(option('owner', 'The owner'), ...frames.map((f) => option(f.id, f.title)));
  $('#dial-from').append(...frames.filter((f) => f.spec.tab).map((f) => option(f.id, f.title)));
  $('#log-frame').append(...frames.map((f) => option(f.id, f.title)));
}

/** The calling-page picker: a page loads with ?app=<url> (a reload keeps it); "Demo softphone" drops it. */
function setUpAppPicker() {
  const input = $('#app-url');
  const error = $('#app-error');
  const fail = (message) => {
    input.setAttribute('aria-invalid', 'true');
    error.textContent = message;
  };
  input.value = params.get(APP_PARAM) ?? '';
  $('#app-demo').disabled = !params.has(APP_PARAM);
  if (VENDOR?.error) {
    fail(`${VENDOR.error} The demo softphone is loaded instead.`);
    showAlert({ tone: 'warning', title: 'The ?app= page was not loaded', text: `${VENDOR.error} The demo softphone is loaded instead.` });
  }
  input.addEventListener('input', () => {
    input.removeAttribute('aria-invalid');
    error.textContent = '';
  });
  $('#app-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = parseAppUrl(input.value);
    if (parsed.error) {
      fail(parsed.error);
      input.focus();
      return;
    }
    location.assign(withAppUrl(location.href, parsed.url));
  });
  $('#app-demo').addEventListener('click', () => location.assign(withAppUrl(location.href, null)));
}

setUpLayout();
setUpAppPicker();
$('#frames').append(...frames.map(buildCard));
renderRecord();
render();

/** For scripts and the console: the frames and their hosts, their full logs and this page's view of them. */
window.simulator = {
  layout: LAYOUT,
  /** The first frame's host: the widget's, or the calling window's. */
  get host() {
    return frames[0].host;
  },
  frames: Object.fromEntries(frames.map((f) => [f.id, f])),
  state,
  appUrl: APP_URL,
  /** The vendor's page from ?app=, or null for the demo softphone. */
  vendorUrl: VENDOR_URL,
  /** Rows the message log keeps. */
  logLimit: LOG_LIMIT,
};

{
  const { context, holdSync } = syncForm();
  const [first, ...others] = frames;
  openHost(first, { context: frameContext(first, context), holdSync });
  render();
  // The calling window (or tab 1) goes first and takes the owner's lock before the others look
  // for an owner, as when HubSpot's calling window is open before a tab loads.
  if (others.length) await first.reported(4000);
  for (const frame of others) openHost(frame, { context: frameContext(frame, context), holdSync });
  render();
}
