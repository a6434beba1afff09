import { css } from 'lit';

/**
 * Colours pick their light or dark value with `light-dark()` from the host's
 * `color-scheme`, which `theme` sets; any `--hubspot-softphone-*` property wins.
 * Names are HubSpot's data: `h2, b` clamp them to three lines, so a 256-letter word or a
 * letter under a stack of combining marks never paints over the buttons below.
 * Layout: the host fills its container's height, up to the viewport's (HubSpot's 360x600 or
 * 400x600 iframe), as a flex column whose own slots stay blocks. The view shrinks to fit
 * (`min-height: 0`); in it the match list, a scroll container, gives way first (`flex-shrink: 999`),
 * down to nothing, so the actions stay on screen; its padding leaves room for a link's focus ring.
 */
export const styles = css`
  :host {
    color-scheme: light;
    --_bg: var(--hubspot-softphone-background, light-dark(#fff, #1b2836));
    --_surface: var(--hubspot-softphone-surface, light-dark(#f5f8fa, #253648));
    --_muted: var(--hubspot-softphone-muted, light-dark(#516f90, #a9bdd1));
    --_line: 1px solid var(--hubspot-softphone-border, light-dark(#cbd6e2, #3e5974));
    --_accent: var(--hubspot-softphone-accent, #ff7a59);
    --_answer: var(--hubspot-softphone-answer, #0b7a55);
    --_hangup: var(--hubspot-softphone-hangup, #c8243a);
    display: flex;
    flex-flow: column;
    box-sizing: border-box;
    height: 100%;
    max-height: 100vh;
    padding: 16px;
    background: var(--_bg);
    color: var(--hubspot-softphone-text, light-dark(#213343, #eaf0f6));
    font: 14px/1.45 var(--hubspot-softphone-font, system-ui, sans-serif);
  }
  :host([theme=dark]) { color-scheme: dark; }
  :host([theme=auto]) { color-scheme: light dark; }
  :host([hidden]) { display: none; }
  :host>slot { display: block; }
  * { box-sizing: border-box; margin: 0; padding: 0; font: inherit; color: inherit; border: 0; background: none; overflow-wrap: anywhere; }
  button { cursor: pointer; }
  :focus-visible { outline: 2px solid var(--hubspot-softphone-focus, light-dark(#0091ae, #7fd1e3)); outline-offset: 2px; }
  .sr { position: absolute; clip-path: inset(50%); }
  small, p { color: var(--_muted); font-size: 12px; }
  section, .status { display: flex; flex-flow: column; align-items: center; gap: 6px; min-height: 0; text-align: center; }
  .status { padding: 24px 8px; }
  h2 { max-width: 100%; font-size: 18px; }
  h2, b, [part=error] p { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; overflow: hidden; font-weight: 600; }
  .eyebrow { font-weight: 600; text-transform: uppercase; }
  .switch, [part=error] { display: flex; align-items: center; gap: 10px; width: 100%; padding: 10px 12px; border: var(--_line); border-radius: 8px; background: var(--_surface); }
  .switch small { margin-inline-start: auto; }
  .track { width: 36px; padding: 2px; border-radius: 10px; background: var(--_muted); }
  .track::after { content: ''; display: block; width: 16px; height: 16px; border-radius: 50%; background: #fff; transition: margin .15s; }
  [aria-checked=true] .track { background: var(--_answer); }
  [aria-checked=true] .track::after { margin-inline-start: 16px; }
  .avatar { display: grid; place-items: center; width: 64px; height: 64px; margin: 8px; border-radius: 50%; background: var(--_surface); font-size: 22px; }
  .ringing .avatar { border: 2px solid var(--_accent); animation: ring 1.6s infinite; }
  @keyframes ring { from { box-shadow: 0 0 0 0 var(--_accent); } to { box-shadow: 0 0 0 14px #0000; } }
  svg { width: 24px; fill: currentColor; }
  [part~=caller-number] { font-size: 14px; direction: ltr; unicode-bidi: isolate; }
  .clock { margin: 8px; color: inherit; font-size: 28px; font-variant-numeric: tabular-nums; }
  ul { list-style: none; width: 100%; display: grid; gap: 6px; padding: 4px; overflow: auto; flex-shrink: 999; }
  li button, textarea { display: grid; width: 100%; padding: 8px 12px; border: var(--_line); border-radius: 8px; text-align: start; }
  b { text-decoration: underline; }
  .actions { display: flex; gap: 32px; margin-top: 12px; }
  .round { display: grid; justify-items: center; gap: 6px; font-weight: 600; }
  .round span { display: grid; place-items: center; width: 56px; height: 56px; border-radius: 50%; color: #fff; background: var(--_answer); }
  .hangup span { background: var(--_hangup); }
  .hangup svg { rotate: 135deg; }
  label { align-self: start; margin-top: 12px; font-weight: 600; }
  textarea { min-height: 96px; resize: vertical; }
  .primary { width: 100%; margin-top: 12px; padding: 10px; border-radius: 8px; background: var(--_accent); color: #213343; font-weight: 600; }
  [part=error] { margin-bottom: 12px; border-inline-start: 4px solid var(--_hangup); }
  [part=error] p { flex: 1; color: inherit; font-size: 14px; }
  [part=error] button { padding: 4px 8px; }
  @media (prefers-reduced-motion: reduce) {
    * { animation: none !important; transition: none !important; }
  }
`;
