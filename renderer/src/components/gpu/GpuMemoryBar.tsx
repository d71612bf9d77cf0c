/** @jsxRuntime automatic */
import type { GpuDevice } from '../../../../shared/types/gpu';
import { describeMemory, memoryLabel, memoryPercent } from './gpuFormat';

/** A thin bar of used GPU memory with the figures in words; no bar where they are not reported. */
export function GpuMemoryBar({ device }: { device: GpuDevice }) {
  const percent = memoryPercent(device);
  const label = `GPU ${device.index} ${memoryLabel(device).toLowerCase()}`;
  return (
    <div className="gpu-memory">
      {percent != null && (
        <div className="gauge-bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)} aria-label={label}>
          <div className="gauge-fill" style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
        </div>
      )}
      <span className="gpu-memory-text">
        {memoryLabel(device)}: {describeMemory(device)}
      </span>
    </div>
  );
}
