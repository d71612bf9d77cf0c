import type { GpuDevice } from '../../../../../shared/types/gpu';
import { headerName, parseMemoryBytes, parseNumber, parseText, parseWholeNumber, splitColumns } from './csvLine';

/** One GPU as one line of `--query-gpu` reports it. */
export interface GpuLine {
  device: GpuDevice;
  driverVersion: string | null;
}

export type GpuLineResult =
  | { kind: 'gpu'; line: GpuLine }
  /** Blank, or the header a tool printed despite `noheader`. */
  | { kind: 'skip' }
  /** Not a line of figures (an error message, garbage): the caller decides what it means. */
  | { kind: 'unreadable' };

function migMode(cell: string | undefined): GpuDevice['migMode'] {
  const text = cell === undefined ? null : parseText(cell);
  if (text === null) return null;
  if (/^enabled$/i.test(text)) return 'enabled';
  if (/^disabled$/i.test(text)) return 'disabled';
  return null;
}

/**
 * Reads one line of `--query-gpu=<fields> --format=csv[,noheader][,nounits]`. `fields` may
 * name columns Opsbar does not use (they are ignored); the `name` column may hold commas
 * wherever it is. `position` (the line's place among the GPU lines) stands in for the index
 * when `index` was not queried: nvidia-smi lists GPUs in index order.
 */
export function parseGpuLine(raw: string, fields: readonly string[], position: number | null = null): GpuLineResult {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (!text) return { kind: 'skip' };
  const nameAt = fields.indexOf('name');
  const cells = splitColumns(text, fields.length, nameAt >= 0 ? nameAt : fields.length - 1);
  if (!cells) return { kind: 'unreadable' };
  if (headerName(cells[0]) === fields[0] && fields[0] !== 'name') return { kind: 'skip' };
  if (fields[0] === 'name' && cells.every((cell, i) => headerName(cell) === fields[i])) return { kind: 'skip' };

  const cell = (field: string): string | undefined => {
    const at = fields.indexOf(field);
    return at >= 0 ? cells[at] : undefined;
  };
  const number = (field: string) => {
    const value = cell(field);
    return value === undefined ? null : parseNumber(value);
  };
  const memory = (field: string) => {
    const value = cell(field);
    return value === undefined ? null : parseMemoryBytes(value);
  };

  const indexCell = cell('index');
  const index = indexCell === undefined ? position : parseWholeNumber(indexCell);
  if (index === null) return { kind: 'unreadable' };
  const uuidCell = cell('uuid');
  const uuid = uuidCell === undefined ? null : parseText(uuidCell);
  // A real UUID starts GPU- (MIG- for an instance); anything else means the line is not ours.
  if (uuid !== null && !/^(GPU|MIG)-[0-9A-Za-z-]+$/.test(uuid)) return { kind: 'unreadable' };
  const nameCell = cell('name');
  const name = (nameCell === undefined ? null : parseText(nameCell)) ?? `GPU ${index}`;
  const memoryTotalBytes = memory('memory.total');
  const driverCell = cell('driver_version');

  const device: GpuDevice = {
    index,
    uuid,
    name,
    vendor: 'nvidia',
    memoryUsedBytes: memory('memory.used'),
    memoryTotalBytes,
    utilizationPercent: number('utilization.gpu'),
    temperatureC: number('temperature.gpu'),
    powerW: number('power.draw'),
    powerLimitW: number('power.limit') ?? number('enforced.power.limit'),
    migMode: migMode(cell('mig.mode.current')),
    // GB10 (DGX Spark) shares system memory and reports no card total: that is what "unified"
    // means here. A total that was not asked for says nothing either way.
    memoryKind: memoryTotalBytes === null && cell('memory.total') !== undefined ? 'unified' : 'dedicated',
  };
  return { kind: 'gpu', line: { device, driverVersion: driverCell === undefined ? null : parseText(driverCell) } };
}
