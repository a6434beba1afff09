/**
 * The HubSpot side of the calling protocol, for trying the softphone without a HubSpot account.
 * `HubSpotHost` drives the SDK's own IFrameManager in host mode; this page adds the controls,
 * HubSpot's usual answers, a fake CRM and the message log. Everything that came from the app
 * is rendered as text (textContent), never as HTML.
 */
import { HubSpotHost } from '/dist/host/hubspot-host.js';

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

/* ---------------------------------------------------------------- state */

const state = {
  handshake: 'loading', // loading | held | syncing | acked | ready | failed
  loggedIn: undefined,
  available: undefined,
  /** What HubSpot knows of the current call, from the app's messages. */
  call: null,
  nextEngagementId: 31001,
  lastEngagementId: undefined,
  visibility: 'open',
  record: 'ada',
  unknownRecord: null,
  recordNote: '',
  timeline: [],
};

const pendingReplies = new Set();

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

const records = () => crm(syncForm().context.portalId ?? 1);

/* ---------------------------------------------------------------- the host */

const params = new URLSearchParams(location.search);

/** The app runs on a second origin: the one start.mjs announces, or this one with host and port swapped. */
async function appOrigin() {
  if (params.get('app')) return new URL(params.get('app')).origin;
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
const APP_URL = `${APP_ORIGIN}/demo/softphone.html?${new URLSearchParams({ host: location.origin })}`;

if (params.has('hold')) $('#sync-form').elements.holdSync.checked = true;
const initial = syncForm();
state.handshake = initial.holdSync ? 'held' : 'loading';

const host = new HubSpotHost({
  src: APP_URL,
  container: '#calling-widget',
  width: 360,
  height: 600,
  sync: initial.context,
  holdSync: initial.holdSync,
  onMessage: (message) => {
    try {
      logMessage(message);
      if (message.direction === 'from-app') fromApp(message);
      else toApp(message);
    } catch (error) {
      console.error('[simulator]', error);
    }
    render();
  },
});

/** Sends a host event; says why when it cannot (no handshake yet). */
function act(what, send) {
  try {
    send();
  } catch (error) {
    showAlert({ tone: 'warning', title: `${what} was not sent`, text: error.message });
  }
}

function later(send) {
  const timer = setTimeout(() => {
    pendingReplies.delete(timer);
    if (host.ready) act('Auto-response', send);
  }, AUTO_RESPONSE_DELAY);
  pendingReplies.add(timer);
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

function sendCallerId() {
  const matches = selectedMatches();
  if (matches.length) host.callerIdMatchSucceeded(matches);
  // HubSpot reports "nobody has this number" as a failed match.
  else host.fail('CALLER_ID_MATCH_FAILED', 'No contact or company has this phone number.');
}

/** What HubSpot does when the app talks to it. */
function fromApp({ type, data }) {
  const d = data && typeof data === 'object' ? data : {};
  switch (type) {
    case 'READY':
      state.handshake = 'acked';
      break;
    case 'SYNC_ACK_FAILED':
      state.handshake = 'failed';
      showAlert({ tone: 'danger', title: 'The app never answered SYNC', text: 'Check the calling app page: it must load the SDK and allow this origin.' });
      break;
    case 'INITIALIZED':
      state.handshake = 'ready';
      state.loggedIn = d.isLoggedIn === true;
      state.available = d.isAvailable === true;
      if (d.sizeInfo) resizeWidget(d.sizeInfo);
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
      resizeWidget(d);
      break;
    case 'INCOMING_CALL':
    case 'OUTGOING_CALL_STARTED': {
      const inbound = type === 'INCOMING_CALL';
      state.call = {
        externalCallId: d.externalCallId,
        direction: inbound ? 'INBOUND' : 'OUTBOUND',
        status: inbound ? 'ringing' : 'dialing',
        number: inbound ? d.fromNumber : (d.toNumber ?? d.phoneNumber),
        startedAt: Date.now(),
      };
      if (!autoRespond()) break;
      if (inbound && state.visibility !== 'open') setVisibility('open');
      const callId = d.externalCallId;
      const current = () => state.call?.externalCallId === callId;
      if (d.createEngagement) later(() => current() && host.createEngagementSucceeded(newEngagement()));
      if (inbound) later(() => current() && sendCallerId());
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
      if (d.hideWidget === true) setVisibility('hidden', { tell: false });
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
        later(() => host.send(reply, { engagementId: d.engagementId, externalCallId: d.externalCallId }));
      }
      break;
    case 'ERROR':
      showAlert({
        tone: 'danger',
        title: 'The calling app reported an error',
        text: typeof d.message === 'string' ? d.message : JSON.stringify(data),
      });
      break;
  }
}

/** Keeps the page in step with what HubSpot itself sent. */
function toApp({ type, data }) {
  const d = data && typeof data === 'object' ? data : {};
  if (type === 'SYNC' && state.handshake !== 'ready') state.handshake = 'syncing';
  if ((type === 'CREATE_ENGAGEMENT_SUCCEEDED' || type === 'UPDATE_ENGAGEMENT_SUCCEEDED') && state.call) state.call.engagementId = d.engagementId;
}

function resizeWidget(size) {
  const width = Number(size?.width);
  const height = Number(size?.height);
  if (!(width > 0) && !(height > 0)) return;
  host.manager.updateIFrameSize({ ...(width > 0 && { width }), ...(height > 0 && { height }) });
  const px = (attribute) => parseInt(host.iframe.getAttribute(attribute), 10);
  $('#widget-size').textContent = `Widget ${px('width')} × ${px('height')} px, as the app asked`;
}

function setVisibility(visibility, { tell = true } = {}) {
  state.visibility = visibility;
  if (tell) act('VISIBILITY_CHANGED', () => host.visibilityChanged(visibility === 'minimized', visibility === 'hidden'));
  render();
}

/* ---------------------------------------------------------------- host -> app controls */

function currentEngagementId() {
  return state.call?.engagementId ?? state.lastEngagementId;
}

const CONTROL_SENDS = {
  CALLER_ID_MATCH_SUCCEEDED: () => host.callerIdMatchSucceeded(selectedMatches()),
  CALLER_ID_MATCH_FAILED: () => host.fail('CALLER_ID_MATCH_FAILED', 'No contact or company has this phone number.'),
  CREATE_ENGAGEMENT_SUCCEEDED: () => host.createEngagementSucceeded(newEngagement()),
  CREATE_ENGAGEMENT_FAILED: () => host.fail('CREATE_ENGAGEMENT_FAILED', 'HubSpot could not create the call engagement (simulated).'),
  UPDATE_ENGAGEMENT_SUCCEEDED: () => host.updateEngagementSucceeded(currentEngagementId() ?? newEngagement()),
  UPDATE_ENGAGEMENT_FAILED: () => host.fail('UPDATE_ENGAGEMENT_FAILED', 'HubSpot could not update the call engagement (simulated).'),
  FINALIZE_ENGAGEMENT_SUCCEEDED: () =>
    host.send('FINALIZE_ENGAGEMENT_SUCCEEDED', { engagementId: currentEngagementId(), externalCallId: state.call?.externalCallId }),
  FINALIZE_ENGAGEMENT_FAILED: () => host.fail('FINALIZE_ENGAGEMENT_FAILED', 'HubSpot could not finalize the engagement (simulated).'),
  NAVIGATE_TO_RECORD_FAILED: () => host.fail('NAVIGATE_TO_RECORD_FAILED', 'HubSpot could not open that record (simulated).'),
  END_CALL: () => host.endCall(),
};

for (const button of document.querySelectorAll('[data-send]')) {
  button.addEventListener('click', () => act(button.dataset.send, CONTROL_SENDS[button.dataset.send]));
}
for (const button of document.querySelectorAll('[data-visibility]')) {
  button.addEventListener('click', () => setVisibility(button.dataset.visibility));
}
$('#widget-toggle').addEventListener('click', () => setVisibility(state.visibility === 'open' ? 'minimized' : 'open'));

function dial(phoneNumber) {
  const record = records()[state.record];
  act('DIAL_NUMBER', () =>
    host.dialNumber(phoneNumber, {
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
  for (const timer of pendingReplies) clearTimeout(timer);
  pendingReplies.clear();
  Object.assign(state, { handshake: holdSync ? 'held' : 'loading', loggedIn: undefined, available: undefined });
  // A reload keeps the call only if HubSpot passes its engagement back in SYNC.
  if (!context.engagementId) state.call = null;
  logNote(holdSync ? 'App reloaded; SYNC held until you release it' : 'App reloaded');
  host.reload(context, { holdSync });
  render();
});

$('#release-sync').addEventListener('click', () => {
  host.sync();
  render();
});

$('#use-engagement').addEventListener('click', () => {
  const id = currentEngagementId();
  const input = $('#sync-form').elements.engagementId;
  if (id) input.value = String(id);
  else showAlert({ tone: 'warning', title: 'No engagement yet', text: 'Start a call first: HubSpot creates an engagement for it.' });
  input.focus();
});

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

function logActivity(data) {
  const properties = data.engagementProperties && typeof data.engagementProperties === 'object' ? data.engagementProperties : {};
  const call = state.call;
  state.timeline.unshift({
    at: Date.now(),
    direction: call?.direction,
    number: call?.number,
    endStatus: call?.endStatus,
    talked: call?.answeredAt && call?.endedAt ? call.endedAt - call.answeredAt : 0,
    engagementId: data.engagementId ?? call?.engagementId,
    properties,
  });
  renderRecord();
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
        ? h('button', { type: 'button', class: 'btn primary', onclick: () => dial(phone), disabled: state.handshake !== 'ready' }, phoneIcon(), `Call ${phone}`)
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
    state.timeline.length
      ? h('ol', { class: 'timeline' }, state.timeline.map(activityItem))
      : h('p', { class: 'muted small' }, 'Calls the app logs (CALL_COMPLETED) show up here.'),
  );
  if (flash) {
    el.classList.remove('flash');
    void el.offsetWidth;
    el.classList.add('flash');
  }
}

const PHONE_PATH = 'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1z';

function phoneIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', PHONE_PATH);
  path.setAttribute('fill', 'currentColor');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
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

/* ---------------------------------------------------------------- message log */

const LOG_STICK_DISTANCE = 48;
const logList = $('#log');
const logEntries = [];

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

function logMessage(message) {
  const { direction, type, data, at } = message;
  const json = data === undefined ? '' : JSON.stringify(data, null, 2);
  const last = logEntries.at(-1);
  // HubSpot repeats SYNC every 100 ms until the app answers: one line, counted.
  if (last && type === 'SYNC' && last.type === 'SYNC' && last.direction === direction && last.json === json) {
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
    h('span', { class: 'type' }, type),
    countEl,
    summary ? h('span', { class: 'summary' }, String(summary)) : '',
  ];
  const item = h(
    'div',
    { class: `msg ${direction}`, dataset: { type, direction } },
    json ? h('details', {}, h('summary', {}, line), h('pre', {}, json)) : h('div', { class: 'row' }, line),
  );
  const entry = { direction, type, json, count: 1, countEl, item, text: `${type} ${summary} ${json}`.toLowerCase() };
  logEntries.push(entry);
  const stick = logList.scrollHeight - logList.scrollTop - logList.clientHeight < LOG_STICK_DISTANCE;
  item.hidden = !matchesFilter(entry);
  logList.append(item);
  if (stick) logList.scrollTop = logList.scrollHeight;
  updateLogCount();
}

/** A line in the log that is not a message, such as a reload. */
function logNote(text) {
  logList.append(h('p', { class: 'note' }, text));
  logList.scrollTop = logList.scrollHeight;
}

function matchesFilter(entry) {
  const text = $('#log-filter').value.trim().toLowerCase();
  const direction = $('#log-direction').value;
  return (!direction || entry.direction === direction) && (!text || entry.text.includes(text));
}

function updateLogCount() {
  const shown = logEntries.filter((e) => !e.item.hidden).length;
  $('#log-count').textContent = shown === logEntries.length ? String(logEntries.length) : `${shown} / ${logEntries.length}`;
  $('#log-empty').hidden = shown > 0;
  $('#log-empty').textContent = logEntries.length ? 'No message matches the filter.' : 'No messages yet.';
}

function applyFilter() {
  for (const entry of logEntries) entry.item.hidden = !matchesFilter(entry);
  updateLogCount();
  logList.scrollTop = logList.scrollHeight;
}

$('#log-filter').addEventListener('input', applyFilter);
$('#log-direction').addEventListener('change', applyFilter);
$('#log-clear').addEventListener('click', () => {
  logEntries.length = 0;
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

function render() {
  const [tone, label] = HANDSHAKE[state.handshake];
  chip('#chip-handshake', tone, label);
  chip('#chip-login', state.loggedIn === undefined ? 'off' : state.loggedIn ? 'on' : 'danger', state.loggedIn === undefined ? 'unknown' : state.loggedIn ? 'signed in' : 'signed out');
  chip(
    '#chip-availability',
    state.available === undefined ? 'off' : state.available ? 'on' : 'off',
    state.available === undefined ? 'unknown' : state.available ? 'available' : 'unavailable',
  );
  const call = state.call;
  chip(
    '#chip-call',
    !call ? 'off' : call.status === 'ended' ? 'held' : call.status === 'connected' ? 'on' : 'ring',
    call
      ? [call.direction === 'INBOUND' ? 'in' : 'out', call.status + (call.endStatus ? ` ${call.endStatus}` : ''), call.engagementId ? `eng ${call.engagementId}` : 'no eng']
          .filter(Boolean)
          .join(' · ')
      : 'none',
    call ? `externalCallId ${call.externalCallId}\nnumber ${call.number ?? '?'}\nengagementId ${call.engagementId ?? '(none yet)'}` : 'No call',
  );

  const ready = state.handshake === 'ready' || state.handshake === 'acked';
  $('#events').disabled = !ready;
  $('#release-sync').disabled = state.handshake !== 'held';
  $('#next-engagement').textContent = `#${state.nextEngagementId}`;
  for (const button of document.querySelectorAll('.record-actions .btn')) button.disabled = !ready;

  const widget = $('#widget');
  widget.dataset.visibility = state.visibility;
  const toggle = $('#widget-toggle');
  const open = state.visibility === 'open';
  toggle.setAttribute('aria-expanded', String(open));
  toggle.title = open ? 'Minimize the widget' : 'Restore the widget';
  toggle.querySelector('[aria-hidden]').textContent = open ? '–' : '+';
  toggle.querySelector('.sr-only').textContent = open ? 'Minimize' : 'Restore';
}

/* ---------------------------------------------------------------- start */

$('#widget-origin').textContent = new URL(APP_URL).host;
host.iframe.title = 'Calling app (vendor page on another origin)';
renderRecord();
render();

/** For scripts and the console: the host, its full log and this page's view of it. */
window.simulator = { host, state, appUrl: APP_URL };
