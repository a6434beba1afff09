/**
 * <hubspot-softphone> for Vue's template type-checking (vue-tsc): its properties and its
 * `@softphone-*` listeners, each listener typed from the package's `SoftphoneEventMap`.
 *
 * Vue renders the tag as a native element (`isCustomElement` in vite.config.ts), but vue-tsc
 * looks a dashed tag up among the components, so it is declared as a global component whose
 * instance is the element and whose `$props` are what the template may bind. As for any
 * component, `logged-in` is checked as `loggedIn` and `@softphone-dial-number` as
 * `onSoftphoneDialNumber`. Types only: nothing is registered at run time.
 */
import type { HubSpotSoftphone, SoftphoneEventMap } from 'hubspot-softphone';
import type { HTMLAttributes, PublicProps } from 'vue';

/** `softphone-dial-number` -> `SoftphoneDialNumber`. */
type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

type SoftphoneListeners = {
  [K in keyof SoftphoneEventMap as `on${PascalCase<K>}`]?: (event: SoftphoneEventMap[K]) => void;
};

/** The element's public properties and their attributes (`allowed-origins` is `allowedOrigins`). */
type SoftphoneProperties = Partial<
  Pick<
    HubSpotSoftphone,
    | 'loggedIn'
    | 'available'
    | 'width'
    | 'height'
    | 'allowedOrigins'
    | 'createEngagement'
    | 'navigateOn'
    | 'ringTimeout'
    | 'syncTimeout'
    | 'channel'
    | 'theme'
    | 'debug'
    | 'strings'
    | 'formatPhoneNumber'
  >
>;

declare module 'vue' {
  interface GlobalComponents {
    'hubspot-softphone': new () => HubSpotSoftphone & {
      /** For template type-checking only: the element has no `$props`. */
      $props: Omit<HTMLAttributes, keyof SoftphoneProperties> & SoftphoneProperties & SoftphoneListeners & PublicProps;
    };
  }
}
