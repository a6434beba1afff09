/**
 * A HubSpot tab in a real second browser tab, driven like a `Softphone` in this page: same
 * commands, the frame's events and HubSpot's log read across.
 */
import type { SyncContext } from '../../src/host/hubspot-host.js';
import type { DriverCommand } from './fixtures/frame-driver.js';
import type { DriverEvent, HostMessageSummary, OpenOptions } from './harness.js';
import { openTab, type Tab } from './tabs.js';

type Inspected = Record<string, any>;

export class TabSoftphone {
  constructor(readonly tab: Tab) {}

  command(command: DriverCommand): Promise<any> {
    return this.tab.call((c) => (window as any).hubspot.phone().command(c), [command]);
  }

  call(method: string, ...args: unknown[]): Promise<any> {
    return this.command({ op: 'call', method, args });
  }

  click(part: string, index?: number) {
    return this.command({ op: 'click', part, index });
  }

  inspect(): Promise<Inspected> {
    return this.command({ op: 'inspect' });
  }

  async until(check: (state: Inspected) => boolean, { timeout = 3000, what = 'the expected state' } = {}): Promise<Inspected> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const state = await this.inspect();
      if (check(state)) return state;
      if (Date.now() > deadline) throw new Error(`No ${what} in the other tab within ${timeout} ms; it shows: ${state.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** HubSpot's log in that tab: what its calling iframe sent, optionally of one type. */
  received(type?: string): Promise<HostMessageSummary[]> {
    return this.tab.call((t) => (window as any).hubspot.phone().host.received(t ?? undefined).map((m: any) => ({ type: m.type, data: m.data })), [type ?? null]);
  }

  eventsOf(type: string): Promise<DriverEvent[]> {
    return this.tab.call((t) => (window as any).hubspot.phone().eventsOf(t), [type]);
  }

  /** Sends a HubSpot -> app event from that tab's HubSpot. */
  hostSend(type: string, data?: unknown): Promise<void> {
    return this.tab.call((t, d) => (window as any).hubspot.phone().host.send(t, d ?? undefined), [type, data ?? null]);
  }

  close(): Promise<void> {
    return this.tab.close();
  }
}

/** Opens a HubSpot tab with its calling iframe on the app origin, ready (handshake done). */
export async function openHubSpotTab(options: { sync: SyncContext; attrs: Record<string, string | null> }): Promise<TabSoftphone> {
  const tab = await openTab(`${location.origin}/test/protocol/fixtures/hubspot-tab.html`);
  const open: OpenOptions = { sync: options.sync, attrs: options.attrs };
  await tab.call((o) => (window as any).hubspot.open(o), [open], { timeout: 8000 });
  return new TabSoftphone(tab);
}
