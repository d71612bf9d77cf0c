/** @jsxRuntime automatic */
import type { GpuDevice } from '../../../../shared/types/gpu';
import type { RunbookSummary } from '../../../../shared/types/runbooks';
import { formatPercent, UNKNOWN } from '../../format';
import type { TimeRange } from '../charts/RangePicker';
import { Gauge } from '../Gauge';
import { Panel } from '../StateViews';
import { severityOf, type GpuDeviceChecks } from './gpuChecks';
import { describeMemory, describePowerLimit, formatTemperature, formatWatts, memoryLabel, memoryPercent, NOT_REPORTED } from './gpuFormat';
import { GpuHistoryChart } from './GpuHistoryChart';
import { RunbookLinks } from '../RunbookLinks';

/** A gauge's big value, or a dash with "not reported" beneath it (the words do not fit the value's place). */
function figure<T>(value: T | null, format: (value: T) => string): { value: string; detail?: string } {
  return value == null ? { value: UNKNOWN, detail: NOT_REPORTED } : { value: format(value) };
}

function tags(device: GpuDevice): string[] {
  const list: string[] = [];
  if (device.memoryKind === 'unified') list.push('unified memory, shared with the CPU');
  if (device.migMode === 'enabled') list.push('MIG enabled');
  if (device.uuid) list.push(device.uuid);
  return list;
}

interface GpuCardProps {
  device: GpuDevice;
  range: TimeRange;
  /** The core's checks about this GPU: memory and temperature take their severity from them. */
  checks: GpuDeviceChecks;
  /** The runbook library: a check in trouble links the runbooks whose triggers name its alert. */
  runbooks: readonly RunbookSummary[];
  onOpenRunbook: (id: string) => void;
}

/** One GPU: memory, utilisation, temperature and power now, the runbooks for what is in trouble, and its recent history. */
export function GpuCard({ device, range, checks, runbooks, onOpenRunbook }: GpuCardProps) {
  const memory = memoryPercent(device);
  const power = device.powerW != null && device.powerLimitW ? (device.powerW / device.powerLimitW) * 100 : null;
  return (
    <Panel title={`GPU ${device.index} · ${device.name}`} aside={<span className="muted gpu-tags">{tags(device).join(' · ')}</span>}>
      <div className="gauges gpu-gauges">
        <Gauge
          label={memoryLabel(device)}
          {...figure(memory, formatPercent)}
          percent={memory}
          detail={describeMemory(device)}
          severity={severityOf(checks.memory)}
        />
        <Gauge label="Utilisation" {...figure(device.utilizationPercent, formatPercent)} percent={device.utilizationPercent} />
        <Gauge label="Temperature" {...figure(device.temperatureC, formatTemperature)} percent={null} severity={severityOf(checks.temperature)} />
        <Gauge label="Power" {...figure(device.powerW, formatWatts)} percent={power} detail={describePowerLimit(device)} />
      </div>
      <RunbookLinks subject={`GPU ${device.index}`} checks={[checks.memory, checks.temperature]} runbooks={runbooks} onOpenRunbook={onOpenRunbook} />
      <GpuHistoryChart index={device.index} range={range} />
    </Panel>
  );
}
