import type { LiveMessage } from '../../shared/api/live';

export type LiveListener = (message: LiveMessage) => void;

/** Fans live messages out to every subscriber (IPC windows, SSE clients, the tray). */
export class LiveHub {
  private readonly listeners = new Set<LiveListener>();

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(message: LiveMessage): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch {
        // A broken subscriber must not stop the others; it is dropped.
        this.listeners.delete(listener);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
