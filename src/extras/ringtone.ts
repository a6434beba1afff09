/** Once per page: until the user interacts with the frame, every ring would be blocked alike. */
let reportedBlocked = false;

/**
 * The `ringtone` attribute's player, loaded once a page sets it. `play(url)` loops that file;
 * `play()` stops. A blocked autoplay is reported once, with what to do; the card rings anyway.
 */
export class Ringtone {
  #audio: HTMLAudioElement | null = null;
  #url?: string;

  constructor(private readonly blocked: (message: string) => void) {}

  play(url?: string): void {
    if (url === this.#url) return;
    this.#audio?.pause();
    this.#audio = null;
    this.#url = url;
    if (!url) return;
    const audio = (this.#audio = new Audio(url));
    audio.loop = true;
    audio.play().catch((error: DOMException) => {
      // A pause() before it started rejects too (AbortError): the ring is simply over.
      if (audio !== this.#audio || error.name === 'AbortError') return;
      if (error.name !== 'NotAllowedError') {
        console.warn(`[hubspot-softphone] ringtone="${url}" cannot play (${error.message}): point it at an audio file this page may load.`);
      } else if (!reportedBlocked) {
        reportedBlocked = true;
        this.blocked('The browser blocked the ringtone: the card rings without sound until the user has clicked in this widget once (the availability switch counts).');
      }
    });
  }
}
