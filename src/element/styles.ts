import { css } from 'lit';

/** Dark defaults; each still yields to the page's `--hubspot-softphone-*` value. */
const dark = css`
  --_bg: var(--hubspot-softphone-background, #1b2836);
  --_surface: var(--hubspot-softphone-surface, #253648);
  --_text: var(--hubspot-softphone-text, #eaf0f6);
  --_muted: var(--hubspot-softphone-muted, #a9bdd1);
  --_border: var(--hubspot-softphone-border, #3e5974);
  color-scheme: dark;
`;

/** Light by default; dark through `theme="dark"`, or `theme="auto"` on a dark OS. */
export const styles = css`
  :host {
    --_bg: var(--hubspot-softphone-background, #fff);
    --_surface: var(--hubspot-softphone-surface, #f5f8fa);
    --_text: var(--hubspot-softphone-text, #213343);
    --_muted: var(--hubspot-softphone-muted, #516f90);
    --_border: var(--hubspot-softphone-border, #cbd6e2);
    --_accent: var(--hubspot-softphone-accent, #ff7a59);
    --_answer: var(--hubspot-softphone-answer, #0b7a55);
    --_hangup: var(--hubspot-softphone-hangup, #c8243a);
    display: block;
    padding: 16px;
    background: var(--_bg);
    color: var(--_text);
    font: 14px/1.45 var(--hubspot-softphone-font, system-ui, sans-serif);
  }
  :host([theme='dark']) { ${dark} }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) { ${dark} }
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; margin: 0; }
  button, textarea { font: inherit; color: inherit; border: 0; background: none; padding: 0; }
  button { cursor: pointer; }
  :focus-visible { outline: 2px solid var(--hubspot-softphone-focus, #0091ae); outline-offset: 2px; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .muted, [part='caller-number'], small { color: var(--_muted); }
  .status, .card { display: grid; justify-items: center; gap: 6px; text-align: center; }
  .status { padding: 24px 8px; }
  .spinner { width: 24px; height: 24px; border-radius: 50%; border: 3px solid var(--_border); border-top-color: var(--_accent); animation: spin 1s linear infinite; }
  @keyframes spin { to { transform: rotate(1turn); } }
  .switch { display: flex; align-items: center; gap: 10px; width: 100%; padding: 10px 12px; border-radius: 12px; background: var(--_surface); }
  .switch small { margin-inline-start: auto; }
  .track { width: 36px; height: 20px; padding: 2px; border-radius: 10px; background: var(--_muted); }
  .track::after { content: ''; display: block; width: 16px; height: 16px; border-radius: 50%; background: #fff; transition: margin 0.15s; }
  [aria-checked='true'] .track { background: var(--_answer); }
  [aria-checked='true'] .track::after { margin-inline-start: 16px; }
  .eyebrow { font-size: 12px; font-weight: 600; text-transform: uppercase; color: var(--_muted); }
  .avatar { display: grid; place-items: center; width: 64px; height: 64px; margin: 8px; border-radius: 50%; background: var(--_surface); border: 2px solid var(--_border); font-size: 22px; }
  .ringing .avatar { border-color: var(--_accent); animation: ring 1.6s infinite; }
  @keyframes ring { from { box-shadow: 0 0 0 0 var(--_accent); } to { box-shadow: 0 0 0 14px #0000; } }
  svg { width: 24px; fill: currentColor; }
  h2 { font-size: 18px; }
  h2, .match { overflow-wrap: anywhere; }
  [part='caller-number'] { direction: ltr; unicode-bidi: isolate; }
  .clock { font-size: 28px; font-weight: 300; font-variant-numeric: tabular-nums; }
  ul { list-style: none; padding: 0; width: 100%; display: grid; gap: 6px; }
  .match { display: grid; width: 100%; padding: 8px 12px; border: 1px solid var(--_border); border-radius: 8px; text-align: start; }
  .match b { text-decoration: underline; }
  .actions { display: flex; justify-content: center; gap: 32px; margin-top: 12px; }
  .round { display: grid; justify-items: center; gap: 6px; font-size: 12px; font-weight: 600; }
  .round span { display: grid; place-items: center; width: 56px; height: 56px; border-radius: 50%; color: #fff; background: var(--_answer); }
  .hangup span { background: var(--_hangup); }
  .hangup svg { transform: rotate(135deg); }
  label { justify-self: start; margin-top: 12px; font-weight: 600; }
  textarea { width: 100%; min-height: 96px; padding: 8px; border: 1px solid var(--_border); border-radius: 8px; resize: vertical; }
  .primary { width: 100%; margin-top: 12px; padding: 10px; border-radius: 8px; background: var(--_accent); color: #213343; font-weight: 600; }
  [part='error'] { display: flex; gap: 8px; margin-bottom: 12px; padding: 10px 12px; border-radius: 8px; border-inline-start: 4px solid var(--_hangup); background: var(--_surface); }
  [part='error'] p { flex: 1; overflow-wrap: anywhere; }
  @media (prefers-reduced-motion: reduce) {
    * { animation: none !important; transition: none !important; }
  }
`;
