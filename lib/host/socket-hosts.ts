import type { CableStatus } from '../cable';
import type { HostConfig } from '../wire/messages';
import type { SocketHost } from './socket-host';

/**
 * The host's sockets, one per community key: each is made, configured and closed on its own,
 * so one community's socket failing or closing leaves the others open.
 */
export class SocketHosts {
  private readonly hosts = new Map<string, SocketHost>();

  constructor(private readonly create: (key: string) => SocketHost) {}

  configure(key: string, config: HostConfig | null): void {
    let host = this.hosts.get(key);
    if (!config) {
      host?.configure(null);
      this.hosts.delete(key);
      return;
    }
    if (!host) {
      host = this.create(key);
      this.hosts.set(key, host);
    }
    host.configure(config);
  }

  /** After a restart: exactly these communities' sockets. */
  configureAll(configs: readonly HostConfig[]): void {
    const keys = new Set(configs.map((c) => c.key));
    for (const key of [...this.hosts.keys()]) if (!keys.has(key)) this.configure(key, null);
    for (const config of configs) this.configure(config.key, config);
  }

  reconnectNow(reason: string, key?: string): void {
    if (key === undefined) for (const host of this.hosts.values()) host.reconnectNow(reason);
    else this.hosts.get(key)?.reconnectNow(reason);
  }

  status(key: string): CableStatus | undefined {
    return this.hosts.get(key)?.status();
  }

  get size(): number {
    return this.hosts.size;
  }
}
