/** @jsxRuntime automatic */
import type { ReactNode } from 'react';

/** Local wall-clock time of a line, to the millisecond (the full date is in its title). */
export function formatLogTime(at: number | null): string {
  if (at === null) return '--:--:--.---';
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** Whether a line matches the search (case-insensitive, plain text). */
export function matchesSearch(text: string, query: string): boolean {
  return query === '' || text.toLowerCase().includes(query.toLowerCase());
}

/** The text with every match of the search marked. */
export function highlighted(text: string, query: string): ReactNode {
  if (query === '') return text;
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(<mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}
