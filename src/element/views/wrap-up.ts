import { html } from 'lit';
import { formatDuration } from '../../core/format.js';
import type { CallSnapshot } from '../../core/types.js';
import { callerBlock } from './caller.js';
import type { ViewContext } from './view-context.js';

/** After the call: how it ended, notes for the engagement, Done. */
export function wrapUpView(call: CallSnapshot, notes: string, ctx: ViewContext, onNotes: (text: string) => void, done: () => void) {
  const { s } = ctx;
  const talked = call.answeredAt && call.endedAt ? call.endedAt - call.answeredAt : 0;
  return html`<section part="wrap-up">
    <p class="eyebrow">${s.callEnded} · ${s[call.endStatus ?? 'COMPLETED']} · <span part="timer">${formatDuration(talked, ctx.lang)}</span></p>
    ${callerBlock(call, ctx)}
    <label for="notes">${s.notes}</label>
    <textarea
      id="notes"
      part="notes"
      placeholder=${s.notesPlaceholder}
      .value=${notes}
      @input=${(e: Event) => onNotes((e.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${ctx.more('wrap-up')}
    <slot name="wrap-up"></slot>
    <button part="done-button" class="primary" @click=${done}>${s.done}</button>
  </section>`;
}
