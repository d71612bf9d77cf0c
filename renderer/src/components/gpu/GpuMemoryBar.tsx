/** @jsxRuntime automatic */
import type { GpuDevice } from '../../../../shared/types/gpu';
import type { Severity } from '../../../../shared/types/severity';
import { SeverityBadge } from '../SeverityBadge';
import { describeMemory, memoryLabel, memoryPercent } from './gpuFormat';

/**
 * A thin bar of used GPU memory with the figures in words; no bar where they are not reported.
 * The bar takes the colour of the memory check's severity, and a warning says so in words.
 */
export function GpuMemoryBar({ device, severity = 'ok' }: { device: GpuDevice; severity?: Severity }) {
  const percent = memoryPercent(device);
  const label = `GPU ${device.index} ${memoryLabel(device).toLowerCase()}`;
  return (
    <div className={`gpu-memory sev-${severity}`}>
      {percent != null && (
        <div className="gauge-bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)} aria-label={label}>
          <div className="gauge-fill" style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
        </div>
      )}
      <span className="gpu-memory-text">
        {memoryLabel(device)}: {describeMemory(device)}
        {(severity === 'warning' || severity === 'critical') && (
          <>
            {' '}
            <SeverityBadge severity={severity} />
          </>
        )}
      </span>
    </div>
  );
}
