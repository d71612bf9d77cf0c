/** Whether live updates are flowing; the header and banners show it, hooks refetch on reconnect. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Increments on every successful (re)connect: data fetched before it may be stale. */
  epoch: number;
}

export interface ConnectionMonitor {
  get(): ConnectionState;
  subscribe(listener: () => void): () => void;
}

export class ConnectionStore implements ConnectionMonitor {
  private state: ConnectionState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: ConnectionStatus = 'connecting') {
    this.state = { status: initial, epoch: initial === 'connected' ? 1 : 0 };
  }

  get(): ConnectionState {
    return this.state;
  }

  set(status: ConnectionStatus): void {
    if (status === this.state.status) return;
    // Once the session expired only a fresh page load (with a new token) helps.
    if (this.state.status === 'unauthorized') return;
    this.state = { status, epoch: status === 'connected' ? this.state.epoch + 1 : this.state.epoch };
    for (const listener of [...this.listeners]) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
