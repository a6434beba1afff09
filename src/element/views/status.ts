import { html, nothing } from 'lit';
import type { ViewContext } from './view-context.js';

export function connectingView({ s }: ViewContext) {
  return html`<div class="status" part="status"><span class="spinner" aria-hidden="true"></span>${s.connecting}</div>`;
}

/** No SYNC came: most likely the page was opened outside HubSpot, or the origin is not allowed. */
export function notInHubSpotView({ s }: ViewContext, rejectedOrigins: readonly string[]) {
  return html`<div class="status" part="status">
    <h2>${s.notInHubSpotTitle}</h2>
    <small>${s.notInHubSpot}</small>
    ${rejectedOrigins.length ? html`<small>${s.originRefused.replace('{origin}', rejectedOrigins.join(', '))}</small>` : nothing}
  </div>`;
}

export function loggedOutView({ s }: ViewContext) {
  return html`<slot name="login"><div class="status" part="status"><p>${s.loggedOut}</p></div></slot>`;
}

export function errorBanner(message: string, { s }: ViewContext, dismiss: () => void) {
  return html`<div part="error" role="alert">
    <p>${message}</p>
    <button type="button" aria-label=${s.dismiss} title=${s.dismiss} @click=${dismiss}>×</button>
  </div>`;
}
