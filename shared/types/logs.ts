/** One line of a container's log, as Docker's logs API sent it. */
export interface LogLine {
  /** Per session, increasing from 1: the view keeps order and knows what it dropped. */
  seq: number;
  stream: 'stdout' | 'stderr';
  /** Docker's timestamp of the line (epoch ms); null when the engine sent none. */
  at: number | null;
  /** The line's text without its newline; control characters except tab removed; cut at 8 KiB (`cut` set). */
  text: string;
  cut?: boolean;
}

/** A log view opened on one container: the last lines, then (when following) live ones as `log` messages. */
export interface LogSession {
  sessionId: string;
  containerId: string;
  containerName: string;
  /** The container has a TTY: stdout and stderr arrive as one stream (shown as stdout). */
  tty: boolean;
  following: boolean;
  lines: LogLine[];
}

/** Live: lines that arrived for a session since its previous message; `dropped` counts lines skipped to keep memory bounded. */
export interface LogChunk {
  sessionId: string;
  lines: LogLine[];
  /** Lines not sent since the previous chunk because the container printed faster than the view can take. */
  dropped: number;
  /** The stream ended (container stopped, removed, session closed or expired): `reason` says which. */
  ended: boolean;
  reason?: string;
}
