import type { ReactiveController, ReactiveElement } from 'lit';
import type { SoftphoneStrings } from '../core/strings.js';
import { loadLocale } from '../session/on-demand.js';

/**
 * The element's language: `lang` on it or an ancestor, across shadow roots (up to the
 * document's), followed as it changes. English is built in; another built-in language loads
 * its strings on first use (English shows meanwhile, and stays if they cannot load).
 * Durations follow `lang` itself.
 */
export class LocaleController implements ReactiveController {
  /** A valid BCP 47 tag, for `Intl`. */
  lang = 'en';
  strings: Partial<SoftphoneStrings> = {};
  // Any ancestor's `lang` may change: one observer on the document and each shadow root around the element sees them all.
  #observer?: MutationObserver;

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
  }

  hostConnected(): void {
    let lang: string | undefined;
    // Out through shadow roots (a shadow tree's language is its host's), watching each tree passed.
    for (let node: Element | undefined = this.host; node && !lang; node = (node.getRootNode() as ShadowRoot).host) {
      // Made on connect, not with the element: a server render constructs elements with no DOM.
      (this.#observer ??= new MutationObserver(() => this.hostConnected())).observe(node.getRootNode(), { attributeFilter: ['lang'], subtree: true });
      lang = node.closest('[lang]')?.getAttribute('lang')!;
    }
    try {
      lang = Intl.getCanonicalLocales(lang)[0] ?? 'en';
    } catch {
      lang = 'en';
    }
    if (lang === this.lang) return;
    this.lang = lang;
    void loadLocale(lang).then((strings) => {
      if (this.lang !== lang) return;
      this.strings = strings;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }
}
