import type { CableStatus } from '../cable';
import type { HostConfig } from '../host/messages';

/** Where the socket lives: an offscreen document on Chrome, the background page on Firefox. */
export interface HostPort {
  /**
   * Resolves to the connection as the host holds it afterwards: one that was already
   * connected before a wake heard everything the worker slept through. Undefined when the
   * host only now came to be (or could not say).
   */
  configure(config: HostConfig | null): Promise<CableStatus | undefined>;
  reconnectNow(reason: string): Promise<void>;
}
