import type { Clock } from '../../clock';
import { callWithDeadline } from './callWithDeadline';
import type { DockerApi } from './dockerApi';
import { DockerEventMapper, type MappedDockerEvent } from './eventMapping';
import { JsonLineParser } from './jsonLineParser';

export interface DockerEventWatcherOptions {
  clock: Clock;
  /** The client for the current endpoint, or null while no engine was found. */
  getApi(): DockerApi | null;
  /** Deadline for opening the stream (an open stream may then stay quiet for hours). */
  openTimeoutMs: number;
  onEvent(event: MappedDockerEvent): void;
  /** Called after the stream was reopened, since events may have been missed meanwhile. */
  onReconnected(): void;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
}

/** A connection that stayed up this long resets the backoff. */
const STABLE_MS = 5_000;

/**
 * Follows Docker's `/events` stream (containers only) and reopens it with exponential backoff
 * when the daemon restarts, the stream ends or it cannot be opened.
 */
export class DockerEventWatcher {
  private generation = 0;
  private running = false;
  private stream: NodeJS.ReadableStream | null = null;
  private retry: { cancel(): void } | null = null;
  private attempts = 0;
  /** Set once a connection was lost or failed: the next open means events may have been missed. */
  private mayHaveMissedEvents = false;
  private readonly mapper = new DockerEventMapper();
  /** Lines of the stream that were not JSON objects (diagnostics). */
  skippedLines = 0;

  constructor(private readonly options: DockerEventWatcherOptions) {}

  get connected(): boolean {
    return this.stream !== null;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    this.retry?.cancel();
    this.retry = null;
    this.closeStream();
  }

  /** Drops the current stream (or pending retry) and connects now, e.g. after the endpoint changed. */
  reconnectNow(): void {
    if (!this.running) return;
    this.generation++;
    this.retry?.cancel();
    this.retry = null;
    this.closeStream();
    this.attempts = 0;
    void this.connect();
  }

  private closeStream(): void {
    const stream = this.stream as (NodeJS.ReadableStream & { destroy?: () => void }) | null;
    this.stream = null;
    stream?.removeAllListeners('data');
    stream?.destroy?.();
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    const api = this.options.getApi();
    if (!api) return this.scheduleRetry(generation);
    let stream: NodeJS.ReadableStream;
    try {
      stream = await callWithDeadline(this.options.clock, this.options.openTimeoutMs, 'opening the event stream', (signal) =>
        api.containerEvents(signal),
      );
    } catch {
      return this.scheduleRetry(generation);
    }
    if (generation !== this.generation || !this.running) {
      (stream as { destroy?: () => void }).destroy?.();
      return;
    }
    this.stream = stream;
    const openedAt = this.options.clock.now();
    const parser = new JsonLineParser();
    stream.on('data', (chunk: Buffer | string) => {
      if (generation !== this.generation) return;
      this.attempts = 0;
      this.deliver(parser.push(chunk));
      this.skippedLines = parser.skipped;
    });
    const ended = () => {
      if (generation !== this.generation) return;
      this.deliver(parser.end());
      this.stream = null;
      if (this.options.clock.now() - openedAt >= STABLE_MS) this.attempts = 0;
      this.scheduleRetry(generation);
    };
    stream.on('end', ended);
    stream.on('close', ended);
    stream.on('error', ended);
    if (this.mayHaveMissedEvents) this.options.onReconnected();
    this.mayHaveMissedEvents = true;
  }

  private deliver(messages: Record<string, unknown>[]): void {
    for (const message of messages) {
      const mapped = this.mapper.map(message, this.options.clock.now());
      if (mapped) this.options.onEvent(mapped);
    }
  }

  private scheduleRetry(generation: number): void {
    if (!this.running || generation !== this.generation) return;
    this.generation++;
    const initial = this.options.backoffInitialMs ?? 500;
    const max = this.options.backoffMaxMs ?? 30_000;
    const delay = Math.min(max, initial * 2 ** this.attempts);
    this.attempts = Math.min(this.attempts + 1, 30);
    const retryGeneration = this.generation;
    this.retry = this.options.clock.setTimeout(() => {
      this.retry = null;
      if (this.running && retryGeneration === this.generation) void this.connect();
    }, delay);
  }
}
