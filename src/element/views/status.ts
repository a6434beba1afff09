import { html, nothing } from 'lit';
import type { SoftphoneStrings } from '../../core/strings.js';

/** A centred message: connecting, not in HubSpot, signed out. */
export function statusView(title: string, detail = '') {
  return html`<div class="status" part="status"><h2>${title}</h2><small>${detail}</small></div>`;
}

export function errorBanner(message: string, dismissLabel: string, dismiss: () => void) {
  return html`<div part="error" role="alert">
    <p>${message}</p>
    <button aria-label=${dismissLabel} title=${dismissLabel} @click=${dismiss}>×</button>
  </div>`;
}

/** A remote frame whose calling window is gone: say so, and offer to open it again. */
export function windowClosedView(s: SoftphoneStrings, url: string) {
  return html`${statusView(s.windowClosedTitle, s.windowClosed)}
    ${url ? html`<button part="open-window-button" class="primary" @click=${() => open(url, '_blank')}>${s.openWindow}</button>` : nothing}`;
}
