import { html, nothing } from 'lit';
import { matchName, remoteNumber } from '../../core/format.js';
import type { CallSnapshot } from '../../core/types.js';
import { PHONE_PATH } from './icons.js';
import type { ViewContext } from './view-context.js';

const phoneIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${PHONE_PATH} /></svg>`;

/** First letters of the first two words, letters only (a name may be any text). */
const initials = (name: string) => (name.match(/(?<!\p{L})\p{L}/gu) ?? []).slice(0, 2).join('').toUpperCase();

/** Avatar, name, number, and a link to every caller-ID match (or, with none, to the record HubSpot dialled). */
export function callerBlock(call: CallSnapshot, ctx: ViewContext) {
  const { s, format, openRecord } = ctx;
  const { callerIdMatches: matches, callee } = call;
  const name = matches[0] ? matchName(matches[0]) : '';
  const number = format(remoteNumber(call));
  // Someone you dial is known by their number; someone calling you may be unknown.
  const heading = name || (call.direction === 'OUTBOUND' ? number : s.unknownCaller);
  const type = callee?.objectTypeId;
  const links = matches.length
    ? matches.map(
        (match) => html`<li>
          <button part="record-link" title=${s.openRecord} @click=${() => openRecord(match.objectCoordinates)}>
            <b><bdi>${matchName(match) || s.unknownCaller}</bdi></b>
            <small>${match.callerIdType === 'CONTACT' ? [s.contact, match.email].filter(Boolean).join(' · ') : s.company}</small>
          </button>
        </li>`,
      )
    : // No match, but HubSpot dialled from a record: link to it by its type.
      callee &&
      html`<li>
        <button part="record-link" @click=${() => openRecord(callee)}>
          <b>${s.openRecord}</b>
          <small>${type === '0-1' ? s.contact : type === '0-2' ? s.company : ''}</small>
        </button>
      </li>`;
  // Names are isolated: an Arabic or Hebrew name cannot reorder the text around it.
  return html`
    <div class="avatar" aria-hidden="true">${initials(name) || phoneIcon}</div>
    <h2 part="caller-name" tabindex="-1" data-primary><bdi>${heading}</bdi></h2>
    ${heading === number ? nothing : html`<p part="caller-number">${number}</p>`}
    ${links ? html`<ul aria-label=${s.openRecord}>${links}</ul>` : nothing}
  `;
}

/** A round call-control button with its label underneath. */
export function roundButton(part: string, kind: string, label: string, onClick: () => void) {
  return html`<button part=${part} class="round ${kind}" @click=${onClick}>
    <span>${phoneIcon}</span>${label}
  </button>`;
}
