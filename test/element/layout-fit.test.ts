/**
 * The element in HubSpot's call widget (360x600 or 400x600): in every state, with any number
 * of caller-ID matches and the longest names, the primary actions stay on screen and the
 * match list scrolls instead of the page.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { COMPANY, CONTACT } from '../protocol/harness.js';
import { expectAccessible, mount, settle, unmount, type Mounted } from './mount.js';

const CALL = { fromNumber: '+15551230001', toNumber: '+15551230002' };
const NAMES = {
  'one 256-letter word': 'W'.repeat(256),
  '256 letters of words': 'Ada King Countess of Lovelace '.repeat(9).slice(0, 256).trim().padEnd(256, 'x'),
};
/** As long as HubSpot's error messages get (256 characters), in words. */
const ERROR = 'HubSpot could not update the engagement: the request timed out. '.repeat(4).slice(0, 252) + 'Done';

/** `count` matches, contacts and companies in turn, all called `name`. */
const matchesOf = (count: number, name: string) =>
  Array.from({ length: count }, (_, i) =>
    i % 2
      ? { ...COMPANY, objectCoordinates: { ...COMPANY.objectCoordinates, objectId: 2000 + i }, name }
      : { ...CONTACT, objectCoordinates: { ...CONTACT.objectCoordinates, objectId: 1000 + i }, firstName: name, lastName: '', email: `caller${i}@example.com` },
  );

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where the element sits: the whole calling page (an iframe of the widget's size), or a box of that size in a bigger page. */
type Placement = 'whole page' | 'sized box';

async function place(placement: Placement, width: number, height: number, attrs: Record<string, string> = {}): Promise<{ m: Mounted; box: () => Box }> {
  const m = await mount({ width: String(width), height: String(height), ...attrs });
  const { el, host, win } = m;
  if (placement === 'whole page') {
    // What a vendor's page is: this element and nothing else, in HubSpot's iframe.
    Object.assign(host.iframe.style, { width: `${width}px`, height: `${height}px` });
    win.document.body.style.margin = '0';
  } else {
    Object.assign(host.iframe.style, { width: `${width + 100}px`, height: `${height + 200}px` });
    Object.assign(el.style, { width: `${width}px`, height: `${height}px` });
  }
  await settle(el);
  const box = () => {
    // The box the page asked for, whatever size the element took.
    if (placement === 'sized box') {
      const { left, top } = el.getBoundingClientRect();
      return { left, top, right: left + width, bottom: top + height };
    }
    const { clientWidth, clientHeight } = win.document.documentElement;
    return { left: 0, top: 0, right: clientWidth, bottom: clientHeight };
  };
  expect(win.innerHeight).to.equal(placement === 'whole page' ? height : height + 200);
  return { m, box };
}

/** Gives the current call these caller-ID matches and waits for them to show. */
async function match(m: Mounted, matches: unknown[]): Promise<void> {
  if (!matches.length) return;
  const event = oneEvent(m.el, 'softphone-caller-id');
  m.host.callerIdMatchSucceeded(matches as never);
  await event;
  await settle(m.el);
}

/** A tolerance for sub-pixel layout. */
const EPS = 0.5;

/**
 * Fails unless each primary button lies inside `box`, uncovered, with the page not scrolling,
 * and the view's content fitting the view: whatever does not fit scrolls inside the match list.
 */
async function expectFits(m: Mounted, box: Box, primary: string[], matches: number, what: string, minList: number): Promise<void> {
  const { el, win, part } = m;
  await settle(el);
  const root = el.shadowRoot!;
  const page = win.document.scrollingElement!;
  expect(page.scrollHeight, `${what}: the page scrolls`).to.be.at.most(page.clientHeight);
  expect(page.scrollWidth, `${what}: the page scrolls sideways`).to.be.at.most(page.clientWidth);
  for (const name of primary) {
    const button = part(name);
    const rect = button.getBoundingClientRect();
    expect(rect.height, `${what}: ${name} has no height`).to.be.above(20);
    expect(rect.top, `${what}: ${name} top`).to.be.at.least(box.top - EPS);
    expect(rect.left, `${what}: ${name} left`).to.be.at.least(box.left - EPS);
    expect(rect.bottom, `${what}: ${name} bottom (box ends at ${box.bottom})`).to.be.at.most(box.bottom + EPS);
    expect(rect.right, `${what}: ${name} right`).to.be.at.most(box.right + EPS);
    const hit = root.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    expect(hit && button.contains(hit), `${what}: ${name} is covered by ${hit?.outerHTML.slice(0, 80)}`).to.equal(true);
  }
  const view = root.querySelector<HTMLElement>('section');
  const heading = root.querySelector<HTMLElement>('section > h2');
  if (heading && minList) {
    // The list gives way, not the caller: the name keeps whole lines (three at most), the avatar its size.
    const lines = heading.getBoundingClientRect().height / parseFloat(getComputedStyle(heading).lineHeight);
    expect(lines, `${what}: the name is squeezed`).to.be.closeTo(Math.min(3, Math.max(1, Math.round(lines))), 0.05);
    expect(root.querySelector<HTMLElement>('.avatar')!.offsetHeight, `${what}: the avatar is squeezed`).to.equal(64);
  }
  const list = root.querySelector<HTMLElement>('ul');
  if (view) expect(view.scrollHeight, `${what}: the view overflows`).to.be.at.most(view.clientHeight + 1);
  // The in-call keypad takes the match list's room (the caller's name stays).
  if (list && root.querySelector('#keypad')) return void expect(list.getClientRects(), `${what}: the list shows beside the keypad`).to.have.length(0);
  if (!list) {
    expect(matches, `${what}: no match list`).to.equal(0);
    return;
  }
  const links = m.parts('record-link');
  expect(links, `${what}: one link a match`).to.have.length(Math.max(matches, 1));
  // No scrollbar across: a long name wraps or is clipped, never widens the list.
  expect(list.scrollWidth, `${what}: the list scrolls sideways`).to.be.at.most(list.clientWidth);
  if (matches >= 6) {
    expect(list.scrollHeight, `${what}: the list does not scroll`).to.be.above(list.clientHeight);
    // Still a list: some of it shows.
    expect(list.clientHeight, `${what}: the list collapsed`).to.be.at.least(minList);
  }
  // A collapsed list (a sliver of padding) has nothing to bring into view.
  if (list.clientHeight < 40) return;
  // The last link is reachable: focus brings it into the list's view (Firefox stops at partly), scrolling brings
  // all of it (or as much as the list shows), and the page and the actions stay put.
  const last = links.at(-1)!;
  const shown = list.getBoundingClientRect();
  const visible = () => {
    const rect = last.getBoundingClientRect();
    return Math.min(rect.bottom, shown.bottom) - Math.max(rect.top, shown.top);
  };
  last.focus();
  expect(root.activeElement).to.equal(last);
  expect(visible(), `${what}: the focused last link is out of the list's view`).to.be.above(0);
  last.scrollIntoView({ block: 'nearest' });
  expect(visible(), `${what}: the last link does not scroll into the list's view`).to.be.at.least(Math.min(last.offsetHeight, list.clientHeight) - 8);
  expect(page.scrollTop, `${what}: focusing the last link scrolled the page`).to.equal(0);
  for (const name of primary) expect(part(name).getBoundingClientRect().bottom, `${what}: ${name} moved`).to.be.at.most(box.bottom + EPS);
  last.blur();
  list.scrollTop = 0;
}

/**
 * Runs one call of each kind through every state, checking the fit in each (`minList`: how tall
 * a long list must stay; `also`: more checks in each state).
 */
async function everyState(m: Mounted, box: () => Box, matches: unknown[], what: string, minList = 40, also = (_state: string) => {}, error?: () => Promise<void>): Promise<void> {
  const { el } = m;
  const n = matches.length;
  await expectFits(m, box(), ['availability-toggle'], 0, `${what}, idle`, minList);
  also(`${what}, idle`);
  el.incomingCall(CALL);
  await match(m, matches);
  // A banner goes with its call: each call gets its own.
  await error?.();
  await expectFits(m, box(), ['answer-button', 'decline-button'], n, `${what}, ringing`, minList);
  also(`${what}, ringing`);
  el.answerCall();
  await expectFits(m, box(), ['hangup-button'], n, `${what}, connected`, minList);
  also(`${what}, connected`);
  el.endCall();
  await expectFits(m, box(), ['done-button', 'notes'], n, `${what}, wrap-up`, minList);
  also(`${what}, wrap-up`);
  el.completeCall();
  el.outgoingCall({ toNumber: CALL.toNumber });
  await match(m, matches);
  await error?.();
  await expectFits(m, box(), ['hangup-button'], n, `${what}, dialing`, minList);
  also(`${what}, dialing`);
  el.endCall();
  el.completeCall();
}

describe('<hubspot-softphone> fits the call widget', () => {
  afterEach(unmount);

  for (const placement of ['whole page', 'sized box'] as const) {
    for (const width of [360, 400]) {
      for (const count of [0, 2, 6, 50]) {
        for (const [shape, name] of count ? Object.entries(NAMES) : [['no name', '']]) {
          for (const error of [false, true]) {
            const what = `${width}x600 ${placement}, ${count} matches named with ${shape}${error ? ', an error showing' : ''}`;
            it(what, async () => {
              const { m, box } = await place(placement, width, 600);
              const showError = async () => {
                m.host.fail('UPDATE_ENGAGEMENT_FAILED', ERROR);
                await oneEvent(m.el, 'softphone-error');
                await settle(m.el);
                expect(ERROR).to.have.length(256);
                expect(m.part('error').textContent).to.contain(ERROR);
              };
              if (error) await showError();
              let shown = 0;
              await everyState(m, box, matchesOf(count, name), what, 40, () => void (shown += m.parts('error').length), error ? showError : undefined);
              // The banner was there in all five states (idle, ringing, connected, wrap-up, dialing).
              if (error) expect(shown).to.equal(5);
            });
          }
        }
      }
    }
  }

  it('fits right to left too', async () => {
    const { m, box } = await place('whole page', 360, 600, { dir: 'rtl' });
    const showError = async () => {
      m.host.fail('UPDATE_ENGAGEMENT_FAILED', ERROR);
      await oneEvent(m.el, 'softphone-error');
    };
    await showError();
    await everyState(m, box, matchesOf(50, 'שרה כהן '.repeat(32).trim().padEnd(256, 'ה')), '360x600 right to left, 50 matches', 40, undefined, showError);
  });

  it("fits with the vendor's own controls in the actions and wrap-up slots (the list gives way first)", async () => {
    const { m, box } = await place('whole page', 360, 600);
    // The demo's mute/hold row and call-outcome menu.
    m.win.document.head.insertAdjacentHTML(
      'beforeend',
      '<style>.in-call { display: flex; gap: 8px; margin-top: 8px } .in-call button, select { height: 34px } .wrap-up { display: flex; width: 100%; margin-top: 10px } select { flex: 1 }</style>',
    );
    m.el.insertAdjacentHTML(
      'beforeend',
      '<div slot="actions" class="in-call"><button>Mute</button><button>Hold</button></div><div slot="wrap-up" class="wrap-up"><select aria-label="Outcome"><option>Outcome: not set</option></select></div>',
    );
    m.host.fail('UPDATE_ENGAGEMENT_FAILED', ERROR);
    await oneEvent(m.el, 'softphone-error');
    const slotted = (state: string) => {
      const shown = [...m.el.querySelectorAll('button, select')].filter((control) => control.getBoundingClientRect().height);
      expect(shown, state).to.have.length(/connected|dialing/.test(state) ? 2 : /wrap-up/.test(state) ? 1 : 0);
      for (const control of shown) expect(control.getBoundingClientRect().bottom, `${state}: ${control.textContent}`).to.be.at.most(600);
    };
    await everyState(m, box, matchesOf(50, NAMES['one 256-letter word']), '360x600 with slotted controls, 50 matches, an error showing', 0, slotted);
  });

  it('keeps the scrolling list axe-clean and reachable from the keyboard', async () => {
    const { m } = await place('whole page', 360, 600);
    m.el.incomingCall(CALL);
    await match(m, matchesOf(50, NAMES['256 letters of words']));
    const list = m.el.shadowRoot!.querySelector('ul')!;
    expect(list.scrollHeight).to.be.above(list.clientHeight);
    await expectAccessible(m.el);
    m.el.answerCall();
    await settle(m.el);
    await expectAccessible(m.el);
    m.el.endCall();
    await settle(m.el);
    await expectAccessible(m.el);
  });

  it('grows with its content in an auto-height page: nothing scrolls, nothing collapses', async () => {
    const m = await mount();
    const { el, host, win, part, parts } = m;
    Object.assign(host.iframe.style, { width: '400px', height: '1600px' });
    await settle(el);
    const idle = el.getBoundingClientRect().height;
    expect(idle).to.be.above(part('availability-toggle').getBoundingClientRect().height);
    // The vendor's idle UI lays out as it did in a block: a button keeps its own width, it is not stretched.
    const dial = Object.assign(win.document.createElement('button'), { textContent: 'Dial' });
    el.append(dial);
    expect(dial.getBoundingClientRect().width).to.be.below(part('availability-toggle').getBoundingClientRect().width / 2);
    expect(el.getBoundingClientRect().height).to.be.above(idle);
    el.incomingCall(CALL);
    await match(m, matchesOf(6, NAMES['256 letters of words']));
    const list = el.shadowRoot!.querySelector('ul')!;
    expect(list.scrollHeight).to.be.at.most(list.clientHeight);
    expect(parts('record-link').at(-1)!.getBoundingClientRect().bottom).to.be.at.most(part('answer-button').getBoundingClientRect().top);
    expect(part('answer-button').getBoundingClientRect().bottom).to.be.at.most(el.getBoundingClientRect().bottom);
    const page = win.document.scrollingElement!;
    expect(page.scrollHeight).to.be.at.most(page.clientHeight);
  });
});

describe('<hubspot-softphone> with its built-in controls fits the call widget', () => {
  afterEach(unmount);

  const FROM = [
    { e164PhoneNumber: '+15550100001', friendlyName: 'Sales line with a long friendly name that goes on and on' },
    { e164PhoneNumber: '+15550100002', friendlyName: 'Support' },
  ];
  const OUTCOMES = [{ id: 'a', label: 'A long outcome label that HubSpot lets a portal admin write, up to the limit' }, { id: 'b', label: 'No answer' }];
  async function until(check: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check(), what).to.equal(true);
  }
  /** The caller's name keeps whole lines: it is never squeezed to make room. */
  const nameWhole = (m: Mounted, what: string) => {
    const heading = m.el.shadowRoot!.querySelector<HTMLElement>('section > h2')!;
    const lines = heading.getBoundingClientRect().height / parseFloat(getComputedStyle(heading).lineHeight);
    expect(lines, `${what}: the name is squeezed`).to.be.closeTo(Math.max(1, Math.round(lines)), 0.05);
  };

  for (const placement of ['whole page', 'sized box'] as const) {
    for (const width of [360, 400]) {
      for (const lang of ['en', 'de']) {
        const what = `${width}x600 ${placement}, ${lang}, everything on, 6 matches, an error showing`;
        it(what, async () => {
          const { m, box } = await place(placement, width, 600, { controls: 'mute hold keypad transfer record', dialpad: '', 'outcome-required': '', lang });
          Object.assign(m.el, { fromNumbers: FROM, outcomes: OUTCOMES });
          await until(() => m.parts('dialpad').length === 1, 'the dialpad');
          m.host.fail('UPDATE_ENGAGEMENT_FAILED', ERROR);
          await oneEvent(m.el, 'softphone-error');
          // A number that cannot be dialled: its message shows too.
          const input = m.part('dial-input') as HTMLInputElement;
          input.value = '020';
          input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
          m.part('dial-button').click();
          await settle(m.el);
          expect(m.el.shadowRoot!.getElementById('dial-error')!.textContent).not.to.equal('');
          await expectFits(m, box(), ['availability-toggle', 'dial-input', 'from-number', 'dial-button'], 0, `${what}, idle`, 0);
          m.el.incomingCall(CALL);
          await match(m, matchesOf(6, NAMES['256 letters of words']));
          m.el.answerCall();
          await until(() => m.parts('keypad-button').length === 1, 'the controls');
          const controls = ['mute-button', 'hold-button', 'keypad-button', 'transfer-button', 'record-button'];
          await expectFits(m, box(), ['hangup-button', ...controls], 6, `${what}, connected`, 0);
          nameWhole(m, `${what}, connected`);
          m.el.setHeld(true);
          m.el.setRecording(true);
          m.part('keypad-button').click();
          await settle(m.el);
          await expectFits(m, box(), ['hangup-button', 'keypad', 'call-state', ...controls], 6, `${what}, connected, held, keypad open`, 0);
          nameWhole(m, `${what}, keypad open`);
          // The notes take the keypad's place.
          m.part('notes-button').click();
          await until(() => m.parts('keypad').length === 0, 'the keypad closed by the notes');
          await expectFits(m, box(), ['hangup-button', 'notes', 'call-state', ...controls], 6, `${what}, connected, held, notes open`, 0);
          nameWhole(m, `${what}, notes open`);
          m.el.endCall();
          await until(() => m.parts('outcome').length === 1, 'the outcome picker');
          m.part('done-button').click();
          await settle(m.el);
          await expectFits(m, box(), ['done-button', 'notes', 'outcome'], 6, `${what}, wrap-up, outcome needed`, 0);
          nameWhole(m, `${what}, wrap-up`);
        });
      }
    }
  }
});
