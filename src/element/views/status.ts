import { html } from 'lit';

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
