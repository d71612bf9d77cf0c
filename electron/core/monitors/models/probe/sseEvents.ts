/**
 * Server-sent events from lines (WHATWG "event stream" rules, the parts LLM servers use):
 * `data:` lines (one optional space after the colon) accumulate, a blank line dispatches the
 * event, lines starting with `:` are comments (keep-alives), other fields (`event:`, `id:`,
 * `retry:`) are ignored. A line that is none of these is what a proxy or a crashed server
 * prints, so it is reported instead of skipped.
 */

export type SseItem = { kind: 'event'; data: string } | { kind: 'malformed'; line: string };

const KNOWN_FIELDS = new Set(['event', 'id', 'retry']);

export class SseEvents {
  private data: string[] = [];

  /** Feeds one line (without its line ending); returns an event when the line completes one. */
  line(line: string): SseItem | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      return null;
    }
    if (KNOWN_FIELDS.has(field)) return null;
    return { kind: 'malformed', line };
  }

  /** At the end of the stream: an event whose blank line never came is still delivered. */
  end(): SseItem | null {
    return this.dispatch();
  }

  private dispatch(): SseItem | null {
    if (this.data.length === 0) return null;
    const data = this.data.join('\n');
    this.data = [];
    return { kind: 'event', data };
  }
}
