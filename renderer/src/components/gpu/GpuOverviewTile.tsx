/** @jsxRuntime automatic */
import type { GpuSnapshot } from '../../../../shared/types/gpu';
import { formatPercent } from '../../format';
import { formatOrNotReported } from './gpuFormat';
import { GpuMemoryBar } from './GpuMemoryBar';
import { GpuStateLine } from './GpuUnavailable';

/** Each GPU's memory and utilisation at a glance, or why there are none. */
export function GpuOverviewTile({ gpu }: { gpu: GpuSnapshot }) {
  if (gpu.state !== 'ok') return <GpuStateLine gpu={gpu} />;
  if (gpu.devices.length === 0) return <p className="muted gpu-state-line">The GPU tool reports no device.</p>;
  return (
    <ul className="gpu-tile">
      {gpu.devices.map((device) => (
        <li key={device.uuid ?? device.index}>
          <div className="gpu-tile-head">
            <span className="gpu-tile-name">
              GPU {device.index} · {device.name}
            </span>
            <span className="muted">utilisation {formatOrNotReported(device.utilizationPercent, formatPercent)}</span>
          </div>
          <GpuMemoryBar device={device} />
        </li>
      ))}
    </ul>
  );
}
