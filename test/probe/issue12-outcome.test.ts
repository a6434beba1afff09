/**
 * Issue 12's call outcome under odd input: the user going back to "No outcome" after a pick
 * (the calling window's remotes and a reload must still follow the call), and `outcomes`
 * whose items cannot be offered while `outcome-required` is set (Done must not wait forever).
 */
import { expect } from '@open-wc/testing';
import type { Softphone } from '../protocol/harness.js';
import { CALL, evalIn, openWindowAndRemotes, pause, WINDOW } from './probe-harness.js';

const OUTCOMES = [
  { id: 'f240bbac-87c9-4f6e-bf70-924b57d47db7', label: 'Connected' },
  { id: '73a0d17f-1163-4015-bdd5-ec830791da20', label: 'No answer' },
];
const SET_OUTCOMES = `el.outcomes = ${JSON.stringify(OUTCOMES)};`;

/** Picks `id` ('' for none) in the frame's outcome picker, as the user would. */
const pick = (phone: Softphone, id: string) =>
  evalIn(phone, `
    for (let i = 0; i < 100 && !el.shadowRoot.querySelector('[part=outcome]'); i++) await new Promise((r) => setTimeout(r, 10));
    const select = el.shadowRoot.querySelector('[part=outcome]');
    select.value = ${JSON.stringify(id)};
    select.dispatchEvent(new Event('change', { bubbles: true }));`);

describe('probe: issue 12 outcome', () => {
  let frames: Softphone[] = [];
  afterEach(() => {
    for (const f of frames) f.dispose();
    frames = [];
  });

  async function wrapUp() {
    frames = await openWindowAndRemotes(1, { query: { onReady: SET_OUTCOMES } });
    const [win, remote] = frames as [Softphone, Softphone];
    await win.call('incomingCall', CALL);
    await win.call('answerCall');
    await win.call('endCall');
    await remote.until((s) => s.call?.status === 'ended');
    return [win, remote] as const;
  }

  it('"No outcome" picked after an outcome: the remote keeps following the call', async () => {
    const [win, remote] = await wrapUp();
    await pick(win, OUTCOMES[0]!.id);
    await pick(win, '');
    await win.input('notes', 'typed after un-picking');
    await pause(300);
    expect(await remote.value('notes'), 'the remote’s notes after "No outcome"').to.equal('typed after un-picking');
  });

  it('"No outcome" picked after an outcome: a reload of the window still finds the call', async () => {
    const [win, remote] = await wrapUp();
    await pick(remote, OUTCOMES[1]!.id);
    await pick(remote, '');
    await remote.input('notes', 'kept');
    await pause(200);
    win.host.reload(WINDOW);
    await win.host.waitFor('INITIALIZED', { index: 1 });
    const state = await win.until((s) => s.isOwner, { what: 'the reloaded window owning' }).catch(() => win.inspect());
    expect(state.call?.status, 'the call after the reload').to.equal('ended');
    await remote.click('done-button');
    await win.host.waitFor('CALL_COMPLETED');
    const props = (win.host.received('CALL_COMPLETED')[0]!.data as any).engagementProperties;
    expect(props.hs_call_body).to.equal('kept');
    expect(props).not.to.have.property('hs_call_disposition');
  });

  for (const [name, junk] of [
    ['items without an id', [{ label: 'Connected' }, { id: 7, label: 'No answer' }]],
    ['a string', 'Connected,No answer'],
  ] as const) {
    it(`outcome-required with outcomes that are ${name}: no picker, and Done still completes`, async () => {
      frames = await openWindowAndRemotes(0, { attrs: { 'outcome-required': '' }, query: { onReady: `el.outcomes = ${JSON.stringify(junk)};` } });
      const [win] = frames as [Softphone];
      await win.call('incomingCall', CALL);
      await win.call('answerCall');
      await win.call('endCall');
      await pause(100);
      expect(await win.read('outcome'), 'a picker').to.deep.equal([]);
      await win.click('done-button');
      const completed = await win.host.waitFor('CALL_COMPLETED', { timeout: 1000 }).then(() => true, () => false);
      expect(completed, `Done completed the call; the frame shows: ${(await win.inspect()).text}`).to.equal(true);
    });
  }
});
