import { html } from 'lit';
import { callElapsed, formatDuration } from '../../core/format.js';
import type { CallSnapshot } from '../../core/types.js';
import { callerBlock, roundButton } from './caller.js';
import type { ViewContext } from './view-context.js';

/** Dialing and connected: who, a running timer, the vendor's controls, hang up. */
export function inCallView(call: CallSnapshot, ctx: ViewContext, hangUp: () => void) {
  const { s } = ctx;
  return html`<section part="call">
    <p class="eyebrow">${call.status === 'dialing' ? s.calling : s.onCall}</p>
    ${callerBlock(call, ctx)}
    <p part="timer" class="clock" role="timer" aria-live="off">${formatDuration(callElapsed(call, ctx.now), ctx.lang)}</p>
    ${ctx.more('call')}
    <slot name="actions"></slot>
    <div class="actions">${roundButton('hangup-button', 'hangup', s.hangUp, hangUp)}</div>
  </section>`;
}
