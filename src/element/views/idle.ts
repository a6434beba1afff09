import { html } from 'lit';
import type { ViewContext } from './view-context.js';

/** Signed in, no call: the availability switch and the vendor's own UI (dialpad…). */
export function idleView(available: boolean, ctx: ViewContext, toggle: () => void) {
  const { s } = ctx;
  return html`<button
      part="availability-toggle"
      class="switch"
      role="switch"
      aria-checked=${available ? 'true' : 'false'}
      data-primary
      @click=${toggle}
    >
      <span class="track"></span>${s.available}<small aria-hidden="true">${available ? '' : s.unavailable}</small>
    </button>
    ${ctx.more('idle')}
    <slot></slot>`;
}
