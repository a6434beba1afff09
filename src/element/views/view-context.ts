import type { SoftphoneStrings } from '../../core/strings.js';
import type { ObjectCoordinates } from '../../core/types.js';

/** What every view needs from the element; views hold no state of their own. */
export interface ViewContext {
  s: SoftphoneStrings;
  format: (phoneNumber: string) => string;
  now: number;
  /** The language for `Intl` (durations). */
  lang: string;
  openRecord: (record: ObjectCoordinates) => void;
  /** The built-in controls for a view, once extras/controls.js has loaded. */
  more: (where: 'idle' | 'call' | 'wrap-up') => unknown;
}
