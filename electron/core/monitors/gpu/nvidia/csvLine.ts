/**
 * The cells of one line of nvidia-smi's `--format=csv` output, read as tolerantly as real
 * drivers and stand-ins print it: extra spaces, CR line ends, units left in the values
 * (`nounits` is not always honoured) and `[N/A]`-style words for figures the GPU lacks.
 */

/**
 * Splits `line` into exactly `count` cells. nvidia-smi does not quote, so a cell chosen by the
 * workload (a GPU or process name) may hold commas: `freeColumn` takes whatever is left once the
 * cells before it are cut from the left and the cells after it from the right (outside-in).
 * Null when the line has fewer cells than asked.
 */
export function splitColumns(line: string, count: number, freeColumn = count - 1): string[] | null {
  const parts = line.split(',');
  if (count < 1 || parts.length < count) return null;
  const after = count - 1 - freeColumn;
  const head = parts.slice(0, freeColumn);
  const tail = after > 0 ? parts.slice(parts.length - after) : [];
  const free = parts.slice(freeColumn, parts.length - after).join(',');
  return [...head, free, ...tail].map((cell) => cell.trim());
}

// Words nvidia-smi prints in place of a figure. Any bracketed word counts too: the driver
// adds new ones ("[GPU is lost]", "[Insufficient Permissions]") and none of them is a value.
const MISSING_WORDS = new Set(['', 'n/a', 'not supported', 'unknown error', 'requested functionality has been deprecated']);

/** True for a cell that says "not reported" rather than giving a value. */
export function isMissing(cell: string): boolean {
  const text = cell.trim();
  if (/^\[.*\]$/.test(text)) return true;
  return MISSING_WORDS.has(text.toLowerCase());
}

const NUMBER_WITH_UNIT = /^([-+]?\d+(?:\.\d+)?)\s*([A-Za-z%°]*)$/;

/** A number, with any unit after it dropped (`38 %`, `75.52 W`); null when missing or not a number. */
export function parseNumber(cell: string): number | null {
  if (isMissing(cell)) return null;
  const match = NUMBER_WITH_UNIT.exec(cell.trim());
  if (!match) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : null;
}

const MEMORY_UNITS: Record<string, number> = { '': 1024 * 1024, mib: 1024 * 1024, gib: 1024 ** 3, kib: 1024, b: 1 };

/** nvidia-smi memory figures are MiB (with or without the unit); returned in bytes. */
export function parseMemoryBytes(cell: string): number | null {
  if (isMissing(cell)) return null;
  const match = NUMBER_WITH_UNIT.exec(cell.trim());
  if (!match) return null;
  const factor = MEMORY_UNITS[match[2].toLowerCase()];
  if (factor === undefined) return null;
  const value = Number(match[1]) * factor;
  return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
}

/** A whole number ≥ 0 (an index, a pid); null otherwise. */
export function parseWholeNumber(cell: string): number | null {
  const text = cell.trim();
  if (!/^\d{1,10}$/.test(text)) return null;
  return Number(text);
}

/** The cell as text, null when missing. */
export function parseText(cell: string): string | null {
  return isMissing(cell) ? null : cell.trim();
}

/** A column's base name: `memory.used [MiB]` → `memory.used` (headers carry units). */
export function headerName(cell: string): string {
  return cell.trim().replace(/\s*\[[^\]]*\]$/, '').toLowerCase();
}

/**
 * Untrusted tool output made safe to show in one line of an error: control characters
 * (escape sequences included) removed, cut to `max` characters.
 */
export function printable(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x1f\x7f-\x9f]/g, '').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
