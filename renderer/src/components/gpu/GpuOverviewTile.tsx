/** @jsxRuntime automatic */
import type { GpuDevice, GpuSnapshot } from '../../../../shared/types/gpu';
import type { StatusCheck } from '../../../../shared/types/status';
import { formatPercent } from '../../format';
import { SeverityBadge } from '../SeverityBadge';
import { gpuDeviceChecks, inTrouble, severityOf } from './gpuChecks';
import { formatOrNotReported, formatTemperature } from './gpuFormat';
import { GpuMemoryBar } from './GpuMemoryBar';
import { GpuStateLine } from './GpuUnavailable';
import { WithStatusChecks } from './WithStatusChecks';

function DeviceRow({ device, checks }: { device: GpuDevice; checks: readonly StatusCheck[] }) {
  const { memory, temperature } = gpuDeviceChecks(checks, device.index);
  return (
    <li>
      <div className="gpu-tile-head">
        <span className="gpu-tile-name">
          GPU {device.index} · {device.name}
        </span>
        <span className="muted">utilisation {formatOrNotReported(device.utilizationPercent, formatPercent)}</span>
      </div>
      <GpuMemoryBar device={device} severity={severityOf(memory)} />
      {inTrouble(temperature) && (
        <span className="gpu-tile-temperature">
          <SeverityBadge severity={temperature.severity} /> temperature {formatOrNotReported(device.temperatureC, formatTemperature)}
        </span>
      )}
    </li>
  );
}

interface GpuOverviewTileProps {
  gpu: GpuSnapshot;
  /** The status checks (the Overview's status): memory bars and temperature take their severity from them. */
  checks?: readonly StatusCheck[];
}

/** Each GPU's memory and utilisation at a glance, coloured by the core's checks, or why there are none. */
export function GpuOverviewTile({ gpu, checks }: GpuOverviewTileProps) {
  if (gpu.state !== 'ok') return <GpuStateLine gpu={gpu} />;
  if (gpu.devices.length === 0) return <p className="muted gpu-state-line">The GPU tool reports no device.</p>;
  return (
    <WithStatusChecks checks={checks}>
      {(known) => (
        <ul className="gpu-tile">
          {gpu.devices.map((device) => (
            <DeviceRow key={device.uuid ?? device.index} device={device} checks={known} />
          ))}
        </ul>
      )}
    </WithStatusChecks>
  );
}
