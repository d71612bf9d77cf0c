// Turns the real nvidia-smi outputs in test/fixtures/nvidia-smi into the lines nvidia-smi would
// print for Opsbar's own field lists: columns are picked by header name from a capture's wide
// `--format=csv` section (units kept as captured, or stripped as `nounits` does).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '../../../../fixtures/nvidia-smi');
export const H100 = join(FIXTURES, 'captures/linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt');
export const RTX2080 = join(FIXTURES, 'captures/linux-x86_64__nvidia-geforce-rtx-2080-super__595.71.05.txt');

export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

export type Phase = 'idle' | 'load';

export interface CaptureSection {
  /** Header cells as printed, e.g. `memory.used [MiB]`. */
  header: string[];
  rows: string[][];
}

/** The header and rows of the `# <phase> :: <kind>` section of a capture file. */
export function captureSection(capturePath: string, phase: Phase, kind: 'query-gpu' | 'query-compute-apps'): CaptureSection {
  const lines = readFileSync(capturePath, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith(`# ${phase} :: ${kind} `));
  if (at < 0) throw new Error(`no ${phase} ${kind} section in ${capturePath}`);
  let i = at + 1;
  while (!/^#{20,}/.test(lines[i])) i++;
  const body: string[] = [];
  for (i++; i < lines.length && lines[i].trim() !== ''; i++) body.push(lines[i]);
  const [header, ...rows] = body;
  return { header: header.split(', ').map((h) => h.trim()), rows: rows.map((r) => r.split(', ').map((c) => c.trim())) };
}

const baseName = (cell: string) => cell.replace(/\s*\[[^\]]*\]$/, '');

/** `nounits`: `2296 MiB` → `2296`, `38 %` → `38`, `75.52 W` → `75.52`. */
export const withoutUnit = (value: string) => value.replace(/^(-?\d+(?:\.\d+)?)\s+(MiB|%|W|MHz|C)$/, '$1');

/** One captured cell by field name (units as captured). */
export function captureCell(section: CaptureSection, row: number, field: string): string {
  const at = section.header.findIndex((h) => baseName(h) === field);
  if (at < 0) throw new Error(`capture has no column ${field}`);
  return section.rows[row][at];
}

/** The lines `--query-gpu=<fields> --format=csv,noheader[,nounits]` would print for this capture. */
export function linesFor(section: CaptureSection, fields: readonly string[], form: 'units' | 'nounits'): string[] {
  return section.rows.map((_, row) =>
    fields
      .map((field) => {
        const value = captureCell(section, row, field === 'process_name' ? 'process_name' : field);
        return form === 'nounits' ? withoutUnit(value) : value;
      })
      .join(', '),
  );
}

/** The header line nvidia-smi prints without `noheader` (units in brackets, as captured). */
export function headerFor(section: CaptureSection, fields: readonly string[]): string {
  return fields.map((field) => section.header.find((h) => baseName(h) === field) ?? field).join(', ');
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_ENTITIES[name]);

/** The processes of an `nvidia-smi -q -x` capture, as `gpu_uuid, pid, used_gpu_memory, process_name` lines. */
export function computeAppsLinesFromXml(xml: string, form: 'units' | 'nounits'): { lines: string[]; processes: { uuid: string; pid: number; memoryMiB: number; name: string }[] } {
  const processes: { uuid: string; pid: number; memoryMiB: number; name: string }[] = [];
  for (const gpu of xml.split('<gpu id=').slice(1)) {
    const uuid = /<uuid>([^<]*)<\/uuid>/.exec(gpu)?.[1] ?? '';
    for (const info of gpu.split('<process_info>').slice(1)) {
      const tag = (name: string) => unescapeXml(new RegExp(`<${name}>([^<]*)</${name}>`).exec(info)?.[1] ?? '');
      processes.push({ uuid, pid: Number(tag('pid')), memoryMiB: Number(tag('used_memory').replace(/ MiB$/, '')), name: tag('process_name') });
    }
  }
  const lines = processes.map((p) => `${p.uuid}, ${p.pid}, ${form === 'units' ? `${p.memoryMiB} MiB` : p.memoryMiB}, ${p.name}`);
  return { lines, processes };
}

/**
 * The GB10 figures of the default-table capture (`nvidia-smi` on a DGX Spark) as the line
 * `--query-gpu=<fields>` gives: the table shows memory as "Not Supported"; what the CSV shows for
 * a missing figure is `missing` (both `[N/A]` and `[Not Supported]` are seen in the wild).
 */
export function gb10Line(table: string, fields: readonly string[], missing: string): string {
  const head = /^\|\s+(\d+)\s+(.+?)\s+(On|Off)\s+\|/m.exec(table);
  const usage = /^\|\s+(\S+)\s+(\d+)C\s+P\d+\s+(\d+)W\s*\/\s*(\S+)\s+\|\s+(.+?)\s+\|\s+(\d+)%/m.exec(table);
  const driver = /Driver Version:\s+(\S+)/.exec(table);
  if (!head || !usage || !driver) throw new Error('GB10 table not recognised');
  const memory = usage[5] === 'Not Supported' ? missing : usage[5];
  const values: Record<string, string> = {
    index: head[1],
    // The table prints no UUID: this one is written.
    uuid: 'GPU-00000000-0000-0000-0000-000000000b10',
    name: head[2],
    driver_version: driver[1],
    'memory.used': memory,
    'memory.total': memory,
    'utilization.gpu': usage[6],
    'temperature.gpu': usage[2],
    'power.draw': usage[3],
    'power.limit': usage[4] === 'N/A' ? '[N/A]' : usage[4],
    'mig.mode.current': '[N/A]',
  };
  return fields.map((f) => values[f] ?? '[N/A]').join(', ');
}
