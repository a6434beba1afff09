import { html } from 'lit';
import { callElapsed, formatDuration } from '../../core/format.js';
import type { CallSnapshot } from '../../core/types.js';
import { callerBlock, roundButton } from './caller.js';
import type { ViewContext } from './view-context.js';

export function ringingView(call: CallSnapshot, ctx: ViewContext, answer: () => void, decline: () => void) {
  const { s } = ctx;
  return html`<section part="incoming-card" class="ringing" aria-label=${s.incomingCall}>
    <p class="eyebrow">${s.incomingCall} · <span part="ring-time">${formatDuration(callElapsed(call, ctx.now), ctx.lang)}</span></p>
    ${callerBlock(call, ctx)}
    <div class="actions">
      ${roundButton('decline-button', 'hangup', s.decline, decline)} ${roundButton('answer-button', 'answer', s.answer, answer)}
    </div>
  </section>`;
}
